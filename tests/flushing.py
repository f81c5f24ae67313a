"""How the suite empties its database after a test that commits (the browser's, a live server's,
`transaction=True`): the same empty tables as Django's flush leaves, in a fraction of its time.

Django's flush empties every table and then sends post_migrate, whose receivers make again the
content types, the permissions and desk's role groups: about 0.3 s of queries after each of the
250 such tests in a suite, for the very rows they made at the session's start. Here the flush
puts back the rows those receivers made at the start instead, ids and all, in one insert per
table, as the archive's rows are put back (tests/archive.insert_rows). tests/test_flushing.py
proves that this leaves each table as post_migrate would.
"""

import contextlib

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management.commands import flush
from django.db import DEFAULT_DB_ALIAS
from django.db.backends.postgresql.operations import DatabaseOperations as PostgresOperations

from tests.archive import insert_rows, rows_of

# What post_migrate's receivers make, parents first: contenttypes' content types, auth's
# permissions, desk.roles' groups and what each may do (desk.apps.roles_current).
POST_MIGRATE_MODELS = (ContentType, Permission, Group, Group.permissions.through)


class PostMigrateRows:
    """The rows of POST_MIGRATE_MODELS in the default database, to be put back after a flush."""

    def __init__(self):
        self.rows = {model: rows_of(model) for model in POST_MIGRATE_MODELS}

    def restore(self):
        insert_rows(self.rows)


@contextlib.contextmanager
def putting_back(rows):
    """While this lasts, the flush command puts back `rows` in the default database instead of
    sending post_migrate."""
    original = flush.emit_post_migrate_signal

    def emit_post_migrate_signal(verbosity, interactive, database, **kwargs):
        if database == DEFAULT_DB_ALIAS:
            rows.restore()
        else:
            original(verbosity, interactive, database, **kwargs)

    flush.emit_post_migrate_signal = emit_post_migrate_signal
    try:
        yield
    finally:
        flush.emit_post_migrate_signal = original


@contextlib.contextmanager
def delete_instead_of_truncate():
    """On PostgreSQL, one TRUNCATE of all 80 tables takes 0.4 s however empty they are. DELETE FROM
    each table, with the foreign keys checked at the commit (Django makes them deferrable), leaves
    the same empty tables in 20 ms. A flush that resets sequences still truncates."""
    original = PostgresOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or not tables:
            return original(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        deletes = [f"DELETE FROM {self.quote_name(table)}" for table in tables]  # noqa: S608 - Django's tables
        return ["SET CONSTRAINTS ALL DEFERRED", *deletes]

    PostgresOperations.sql_flush = sql_flush
    try:
        yield
    finally:
        PostgresOperations.sql_flush = original
