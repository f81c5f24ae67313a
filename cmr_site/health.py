"""/healthz, for load balancers: does the database serve pages?"""

import logging
import sqlite3
from pathlib import Path

from django.db import DatabaseError, connection, transaction
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from events.models import ContentRevision

logger = logging.getLogger(__name__)

# A load balancer would rather hear "down" in 2 s than wait for the 5 s a page waits.
TIMEOUT_SECONDS = 2


@never_cache
@csrf_exempt  # read-only: anything but GET and HEAD is 405, not a CSRF 403
@require_safe
def healthz(request):
    """For load balancers: 200 when the database serves pages, 503 when it does not.

    It reads the table every page reads (the content revision), because
    `SELECT 1` answers even while a writer locks every table. It says which
    check failed, never why: no hosts, names or errors.
    """
    try:
        if connection.vendor == "sqlite" and not connection.is_in_memory_db():
            _read_sqlite_file(connection.settings_dict["NAME"])
        _read_revision_table()
    except (DatabaseError, sqlite3.Error):
        logger.exception("Health check: the database does not answer")
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})


def _revision_query():
    table = connection.ops.quote_name(ContentRevision._meta.db_table)
    return f"SELECT 1 FROM {table} LIMIT 1"  # noqa: S608 - the model's own table name, quoted


def _read_sqlite_file(name):
    """Reads the file as a new connection would, not through this worker's open one.

    An open connection keeps reading a database file that has been deleted, and
    a plain connect() would create an empty one in its place: mode=rw does not
    create, and an empty or foreign file has no revision table.
    """
    uri = Path(name).resolve().as_uri() + "?mode=rw"
    probe = sqlite3.connect(uri, uri=True, timeout=TIMEOUT_SECONDS)
    try:
        probe.execute(_revision_query()).fetchall()
    finally:
        probe.close()


def _read_revision_table():
    """Through this worker's own connection, within the time-out."""
    if connection.vendor != "postgresql":
        # A plain read, as a page's: SQLite's transactions begin IMMEDIATE (they wait for the
        # write lock), while in WAL mode a read goes on beside a writer.
        with connection.cursor() as cursor:
            cursor.execute(_revision_query())
            cursor.fetchall()
        return
    with transaction.atomic(), connection.cursor() as cursor:
        # Waiting for a lock counts against it; LOCAL ends with the transaction.
        cursor.execute(f"SET LOCAL statement_timeout = {TIMEOUT_SECONDS * 1000}")
        cursor.execute(_revision_query())
        cursor.fetchall()
