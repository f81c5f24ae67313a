"""/healthz tells the truth: a locked, missing or empty database is 503, within seconds."""

import shutil
import sqlite3
import time
import urllib.error
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

import environ
import psycopg
import pytest
from django.db import connection

from events.models import ContentRevision
from tests.servers import gunicorn, site_env, sqlite_template, throwaway_database

TABLE = ContentRevision._meta.db_table


def timed_get(url):
    """(status, seconds) of one GET."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=15) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, time.monotonic() - started


@contextmanager
def locked(settings_dict):
    """Another connection holds the lock a writer takes: the whole file on SQLite, the
    revision table on PostgreSQL (ACCESS EXCLUSIVE, as ALTER TABLE or TRUNCATE take)."""
    if settings_dict["ENGINE"].endswith("sqlite3"):
        holder = sqlite3.connect(settings_dict["NAME"], isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")
    else:
        holder = psycopg.connect(
            host=settings_dict["HOST"],
            port=settings_dict["PORT"] or 5432,
            user=settings_dict["USER"],
            password=settings_dict["PASSWORD"] or None,
            dbname=settings_dict["NAME"],
        )
        holder.execute(f'LOCK TABLE "{TABLE}" IN ACCESS EXCLUSIVE MODE')
    try:
        yield
    finally:
        holder.rollback()
        holder.close()


@pytest.mark.django_db(transaction=True)
def test_healthz_says_whether_pages_can_read_while_another_connection_holds_a_write_lock(client):
    # The suite's own database: SQLite's .test-db.sqlite3, or PostgreSQL in the second suite.
    assert client.get("/healthz").status_code == 200
    with locked(connection.settings_dict):
        started = time.monotonic()
        response = client.get("/healthz")
        waited = time.monotonic() - started
        if connection.vendor == "sqlite":
            # WAL: pages read beside the writer, so the site is up and says so at once.
            assert client.get("/editions/").status_code == 200
    if connection.vendor == "postgresql":
        # The table every page reads is locked: pages wait, and the load balancer hears it in 2 s.
        assert response.status_code == 503
        assert response.json() == {"status": "unavailable", "database": "down"}
        assert 1.5 < waited < 3
    else:
        assert response.status_code == 200 and waited < 1.5
    assert client.get("/healthz").status_code == 200


@pytest.mark.services
@pytest.mark.db_independent  # its own PostgreSQL database, whichever the suite runs on
@pytest.mark.postgresql_suite
def test_under_gunicorn_healthz_answers_503_while_postgresql_locks_or_lacks_the_revision_table(
    postgres, tmp_path
):
    with throwaway_database(postgres, migrated=True) as database_url:
        env = site_env(database_url, STATIC_ROOT=tmp_path / "static")
        with gunicorn(env, workers=1) as server:
            status, seconds = timed_get(server.url + "/healthz")
            assert status == 200 and seconds < 0.5

            with locked(environ.Env.db_url_config(database_url)):
                status, seconds = timed_get(server.url + "/healthz")
            assert status == 503 and 1.5 < seconds < 3
            assert timed_get(server.url + "/healthz")[0] == 200

            with psycopg.connect(database_url, autocommit=True) as admin:
                admin.execute(f'DROP TABLE "{TABLE}"')
            status, seconds = timed_get(server.url + "/healthz")
            assert status == 503 and seconds < 0.5


@pytest.mark.services
@pytest.mark.db_independent  # its own SQLite file, whichever database the suite runs on
def test_under_gunicorn_healthz_answers_503_at_once_when_the_sqlite_file_is_removed_or_empty(tmp_path):
    database = Path(f"/tmp/cmr-health-{uuid.uuid4().hex}.sqlite3")
    env = site_env(f"sqlite:///{database}", STATIC_ROOT=tmp_path / "static")
    try:
        # A copy of the migrated template, as `migrate` would leave it (tests/servers.py).
        shutil.copy(sqlite_template(), database)
        with gunicorn(env, workers=1) as server:
            # The worker now keeps its connection open (CONN_MAX_AGE): it could go on
            # reading the deleted file for a minute.
            assert timed_get(server.url + "/healthz")[0] == 200

            database.unlink()
            status, seconds = timed_get(server.url + "/healthz")
            assert status == 503 and seconds < 0.5
            assert not database.exists(), "the health check must not create an empty database"

            database.touch()
            status, seconds = timed_get(server.url + "/healthz")
            assert status == 503 and seconds < 0.5
            assert database.stat().st_size == 0
    finally:
        database.unlink(missing_ok=True)
