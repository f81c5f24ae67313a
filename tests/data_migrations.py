"""A module's tests of data migrations share one round trip through the migrations.

A trip back costs seconds of CPU (Django renders every state it will undo: 14 s of a 21 s trip on
SQLite), so a module fixture makes every row at the migration before the one that changes it,
upgrades once, and each test asserts what it follows. The rows are committed, as on a real site,
outside any test's transaction; afterwards the database is put back as it was before the module,
as Django's serialized rollback does, so the rows the migrations ship (the EU's member states, the
first FAQ entries) are there for the tests after.
"""

from contextlib import contextmanager

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader


def migrate(targets=None):
    """Migrates the test database in-process to `targets`, or to the latest migrations."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()


def models_at(targets):
    """The apps as of `targets`: models of the shape the tables then had, to make old rows with."""
    return MigrationLoader(None, ignore_no_migrations=True).project_state(targets).apps


@contextmanager
def shared_trip(django_db_blocker):
    """Inside, the database is open to a module fixture; on leaving, it is as it was before."""
    with django_db_blocker.unblock():
        before = connection.creation.serialize_db_to_string()
        try:
            yield
        finally:
            migrate()
            call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
            connection.creation.deserialize_db_from_string(before)
            # PostgreSQL's sequences of the tables the trip made again start at 1 behind these rows.
            models = apps.get_models(include_auto_created=True)
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), models):
                    cursor.execute(sql)
            ContentType.objects.clear_cache()
