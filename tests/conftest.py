import datetime
import os
import shutil
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from common.timezones import zone
from events import caching
from tests import flushing, servers
from tests.archive import load_archive
from tests.registrations_helpers import eu_group  # noqa: F401 - fixtures for every test module
from tests.smtp import smtp_server  # noqa: F401

BRUSSELS = zone("Europe/Brussels")
PG_URL = servers.PG_URL

# Generated examples per property test, chosen by HYPOTHESIS_PROFILE: a quick look while working
# ("dev", the default), more in `make test` ("ci"), and the old 500 for a search after a change
# to request handling ("deep"). Each example is a request with the archive behind it.
for name, examples in {"dev": 50, "ci": 200, "deep": 500}.items():
    hypothesis_settings.register_profile(
        name,
        max_examples=examples,
        deadline=None,
        # The fixtures (the archive, a client) are made once per test, not per example, on purpose.
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


# Fixtures through which a test reaches the suite's database.
DATABASE_FIXTURES = {"_django_db_helper", "live_server"}


def pytest_collection_modifyitems(items):
    """A test that never reaches the suite's database, nor starts a server on it (services, browser),
    gives the same answer on either database: it is marked db_independent, and `make test` runs it
    in the SQLite suite only. Tests that bring their own database say so with the marker."""
    for item in items:
        uses_database = item.get_closest_marker("django_db") or DATABASE_FIXTURES & set(item.fixturenames)
        if not uses_database and not item.get_closest_marker("services") and "browser" not in item.keywords:
            item.add_marker(pytest.mark.db_independent)


def pytest_sessionfinish(session):
    servers.remove_collected_static()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """On SQLite, a test database in a file, not in memory: the browser tests' live
    server threads then open their own connections instead of sharing the test thread's."""
    default = settings.DATABASES["default"]
    # Two suites at once (SQLite and PostgreSQL, or two checkouts) each need their own test
    # database: TEST_DB_SUFFIX names it; so does each pytest-xdist worker (`make test-fast`).
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    suffix = os.environ.get("TEST_DB_SUFFIX", "") + (f"_{worker}" if worker else "")
    if default["ENGINE"] == "django.db.backends.sqlite3":
        default["TEST"]["NAME"] = str(settings.BASE_DIR / f".test-db{suffix}.sqlite3")
    elif suffix:
        default["TEST"]["NAME"] = f"test_{default['NAME']}{suffix}"


@pytest.fixture(scope="session")
def django_db_keepdb(request, django_db_modify_db_settings):
    """The test database starts as a copy of the migrated template (tests/servers.py), which
    Django is told to keep: it then only checks that every migration is applied, instead of
    running them all again for each session and each pytest-xdist worker (about 13 s of CPU on
    PostgreSQL). The copy is removed at the end, as Django removes a database it made.
    `--reuse-db` and `--create-db` work as ever."""
    keep = request.config.getvalue("reuse_db")
    if keep or request.config.getvalue("create_db"):
        yield keep
        return
    default = settings.DATABASES["default"]
    if default["ENGINE"] == "django.db.backends.sqlite3":
        test_database = default["TEST"]["NAME"]
        shutil.copy(servers.sqlite_template(), test_database)
        yield True
        for suffix in ("", "-wal", "-shm"):
            Path(f"{test_database}{suffix}").unlink(missing_ok=True)
        return
    url = os.environ["DATABASE_URL"]
    test_database = default["TEST"]["NAME"] or f"test_{default['NAME']}"
    servers.copy_database(url, test_database)
    yield True
    servers.drop_database(url, test_database)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, emptied quickly after each test that commits (tests/flushing.py):
    the rows post_migrate made are put back rather than made again, and PostgreSQL deletes rather
    than truncates."""
    with django_db_blocker.unblock():
        rows = flushing.PostMigrateRows()
    with flushing.putting_back(rows), flushing.delete_instead_of_truncate():
        yield


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads and renditions go to a fresh folder per test, never to media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty page cache (the local-memory one lives on)."""
    caching.clear()


@pytest.fixture(autouse=True)
def plain_static_files(settings):
    """Hashed static names need `collectstatic` first; the gunicorn tests run it."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def archive(db):
    """The real archive from fixtures/, as make run loads it."""
    load_archive()


@pytest.fixture
def at(time_machine):
    """Moves the clock: at(2024, 11, 28, 23, 30, zone="Europe/Brussels")."""

    def travel(*args, zone_name="Europe/Brussels"):
        instant = datetime.datetime(*args, tzinfo=zone(zone_name))
        time_machine.move_to(instant, tick=False)
        return instant

    return travel


@pytest.fixture
def postgres():
    try:
        psycopg.connect(PG_URL, connect_timeout=3).close()
    except psycopg.OperationalError as error:
        pytest.fail(f"No PostgreSQL at {PG_URL} ({error}): run `make test`, which starts one.")
    return PG_URL
