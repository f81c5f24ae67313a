"""How the suite empties its database after a test that commits (the browser's, a live server's,
`transaction=True`): the same empty tables as Django's flush leaves, in a fraction of its time.

Django's flush empties every table and then sends post_migrate, whose receivers make again the
content types, the permissions and desk's role groups: about 0.3 s of queries after each of the
250 such tests in a suite, for the very rows they made at the session's start. Here the flush
puts back the rows those receivers made at the start instead, ids and all, in one insert per
table. tests/test_flushing.py proves that this leaves each table as post_migrate would.
"""

import contextlib

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.core.management.commands import flush
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.postgresql.operations import DatabaseOperations as PostgresOperations

# What post_migrate's receivers make, parents first: contenttypes' content types, auth's
# permissions, desk.roles' groups and what each may do (desk.apps.roles_current).
POST_MIGRATE_MODELS = (ContentType, Permission, Group, Group.permissions.through)


class PostMigrateRows:
    """The rows of POST_MIGRATE_MODELS in a database, to be put back after a flush."""

    def __init__(self, connection):
        self.tables = []
        with connection.cursor() as cursor:
            for model in POST_MIGRATE_MODELS:
                fields = model._meta.concrete_fields
                table = connection.ops.quote_name(model._meta.db_table)
                columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
                cursor.execute(f"SELECT {columns} FROM {table}")  # noqa: S608 - Django's tables
                insert = f"INSERT INTO {table} ({columns}) VALUES "  # noqa: S608 - Django's tables
                self.tables.append((fields, insert, cursor.fetchall()))

    def restore(self, connection):
        with connection.cursor() as cursor:
            for fields, insert, rows in self.tables:
                # Many rows to a statement: ten times quicker than executemany() on SQLite.
                size = connection.ops.bulk_batch_size(fields, rows)
                for start in range(0, len(rows), size):
                    batch = rows[start : start + size]
                    row = f"({', '.join(['%s'] * len(fields))})"
                    cursor.execute(
                        insert + ", ".join([row] * len(batch)), [v for values in batch for v in values]
                    )
            # The next permission or group a test makes must not take an id put back here
            # (PostgreSQL's sequences; SQLite follows the largest id by itself).
            for statement in connection.ops.sequence_reset_sql(no_style(), POST_MIGRATE_MODELS):
                cursor.execute(statement)


@contextlib.contextmanager
def putting_back(rows):
    """While this lasts, the flush command puts back `rows` in the default database instead of
    sending post_migrate."""
    original = flush.emit_post_migrate_signal

    def emit_post_migrate_signal(verbosity, interactive, database, **kwargs):
        if database == DEFAULT_DB_ALIAS:
            rows.restore(connections[database])
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
