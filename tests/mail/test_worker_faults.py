"""The proof: N e-mails queued, the real worker (`manage.py run_worker`) SIGKILLed mid-batch and the
database lost for 5 s mid-batch (PostgreSQL stopped, or SQLite's write lock held by another
process), and still N delivered, each once."""

import asyncio
import glob
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest

from tests.servers import PG_URL, ROOT, copy_migrated_postgres, free_port, manage, migrated_template, site_env
from tests.smtp import Inbox, SMTPServer

# Each proof brings its own database of each kind: once is enough, whichever the suite runs on.
pytestmark = [pytest.mark.services, pytest.mark.db_independent]

N = 40
OUTAGE = 5  # seconds
QUEUE = """
from registrations import flow
from tests.registrations_helpers import on_site_edition
edition = on_site_edition(registration_places={n})
for i in range({n}):
    fields = dict(name="R", organisation="O", country="BE", kind="cluster")
    flow.create(edition, email=f"r{{i}}@example.org", **fields)
"""


HOLD_WRITE_LOCK = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
connection.execute("UPDATE django_tasks_database_dbtaskresult SET priority = priority")
time.sleep(float(sys.argv[2]))
connection.execute("ROLLBACK")
"""


class SlowInbox(Inbox):
    """Takes a moment before its "250", as a real server does, and keeps only what it answered:
    a client gone meanwhile cancels the handler, and the message is not kept."""

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(0.15)
        return await super().handle_DATA(server, session, envelope)


def as_postgres(*command, check=True):
    # initdb refuses to run as root (tests/services.sh does the same).
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    subprocess.run([*prefix, *command], check=check, capture_output=True)


@contextmanager
def own_postgres():
    """A PostgreSQL cluster of this test's own, which it may stop (never the suite's shared one),
    with a migrated database."""
    pg_bin = sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1]
    home = Path(tempfile.mkdtemp(prefix="cmr-mail-pg-"))
    home.chmod(0o755)
    data = home / "data"
    data.mkdir()
    if os.geteuid() == 0:
        shutil.chown(data, "postgres")
    port = free_port()
    as_postgres(f"{pg_bin}/initdb", "-D", str(data), "-U", "cmr", "-A", "trust", "-E", "UTF8", "--no-sync")
    options = f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off"
    server = {
        "start": lambda: as_postgres(
            f"{pg_bin}/pg_ctl", "-D", str(data), "-w", "-l", f"{data}/log", "-o", options, "start"
        ),
        "stop": lambda: as_postgres(f"{pg_bin}/pg_ctl", "-D", str(data), "-m", "fast", "-w", "stop"),
    }
    server["start"]()
    try:
        with psycopg.connect(f"postgresql://cmr@127.0.0.1:{port}/postgres", autocommit=True) as connection:
            connection.execute("CREATE DATABASE cmr")
        url = f"postgres://cmr@127.0.0.1:{port}/cmr"
        copy_migrated_postgres(url, pg_bin, PG_URL)
        yield url, server
    finally:
        as_postgres(f"{pg_bin}/pg_ctl", "-D", str(data), "-m", "immediate", "stop", check=False)
        shutil.rmtree(home, ignore_errors=True)


@contextmanager
def own_sqlite():
    """A migrated SQLite file of this test's own (a copy of the session's migrated one)."""
    path = Path(f"/tmp/cmr-mail-{uuid.uuid4().hex}.sqlite3")
    shutil.copy(migrated_template("sqlite://"), path)

    def hold_write_lock():
        # Another process (an admin's save, a migration) holding the write lock for OUTAGE seconds.
        return subprocess.Popen([sys.executable, "-c", HOLD_WRITE_LOCK, str(path), str(OUTAGE)])

    try:
        yield f"sqlite:///{path}", {"hold": hold_write_lock}
    finally:
        for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            name.unlink(missing_ok=True)


def query(database_url, sql):
    if database_url.startswith("sqlite"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as connection:
            return connection.execute(sql).fetchall()
    with psycopg.connect(
        database_url.replace("postgres://", "postgresql://"), connect_timeout=3
    ) as connection:
        return connection.execute(sql).fetchall()


def wait_for(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.01)
    raise AssertionError(f"Not within {timeout} s: {what}")


def start_worker(env, log):
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--no-reload", "--no-startup-delay", "--interval", "0.2"]
        + ["--sweep-interval", "1", "--sweep-grace", "1"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


@pytest.mark.parametrize("kind", [pytest.param("postgresql", marks=pytest.mark.postgresql_suite), "sqlite"])
def test_every_email_is_delivered_once_through_a_killed_worker_and_a_lost_database(kind, tmp_path):
    smtp = SMTPServer()
    smtp.inbox = SlowInbox()
    smtp.start()
    database = own_postgres() if kind == "postgresql" else own_sqlite()
    with database as (url, server):
        env = site_env(
            url,
            EMAIL_URL=f"smtp://127.0.0.1:{smtp.port}",
            # Long enough to wait out the outage and record what was sent; short for the killed one.
            MAIL_CLAIM_SECONDS=15,
            SQLITE_TIMEOUT=1,
        )
        manage(env, "shell", "-c", QUEUE.format(n=N))
        assert query(url, "SELECT count(*) FROM registrations_message") == [(N,)]
        started = time.monotonic()
        log_path = tmp_path / "worker.log"
        with log_path.open("w") as log:
            first = start_worker(env, log)
            wait_for(lambda: len(smtp.messages) >= 8, 60, "8 delivered")
            # Past the 250 and its UPDATE, within the next message's exchange.
            time.sleep(0.05)
            first.send_signal(signal.SIGKILL)
            first.wait()
            second = start_worker(env, log)
            try:
                wait_for(lambda: len(smtp.messages) >= 20, 60, "20 delivered")
                time.sleep(0.05)
                if kind == "postgresql":
                    server["stop"]()
                    time.sleep(OUTAGE)
                    server["start"]()
                else:
                    server["hold"]().wait()

                def all_sent():
                    try:
                        return query(
                            url, "SELECT count(*) FROM registrations_message WHERE sent_at IS NULL"
                        ) == [(0,)]
                    except (psycopg.OperationalError, sqlite3.OperationalError):
                        return False

                wait_for(all_sent, 90, "every message recorded as sent")
                elapsed = time.monotonic() - started
                time.sleep(2)  # anything sent twice would arrive now
                assert second.poll() is None, "the worker died"
                tasks = dict(
                    query(
                        url, "SELECT status, count(*) FROM django_tasks_database_dbtaskresult GROUP BY status"
                    )
                )
            finally:
                second.terminate()
                assert second.wait(timeout=15) == 0
        ids = [message["Message-ID"] for message in smtp.messages]
        output = log_path.read_text()
        smtp.stop()
        print(  # noqa: T201 - the proof's figures, shown with pytest -s
            f"\n{kind}: {N} queued, {len(smtp.messages)} delivered, {len(ids) - len(set(ids))} duplicates, "
            f"{elapsed:.1f} s; tasks {tasks}"
        )
        assert len(smtp.messages) == N
        assert len(set(ids)) == N
        assert sorted(m["To"] for m in smtp.messages) == sorted(f"r{i}@example.org" for i in range(N))
        assert query(url, "SELECT count(*) FROM registrations_message WHERE failed_at IS NOT NULL") == [(0,)]
        assert "FAILED" not in tasks
        # What it logged names rows by number, never a person.
        assert "@example.org" not in output


def test_sigterm_stops_the_worker_at_once_while_it_waits_for_a_lost_database(tmp_path):
    with own_postgres() as (url, server):
        env = site_env(url)
        server["stop"]()
        log_path = tmp_path / "worker.log"
        with log_path.open("w") as log:
            worker = start_worker(env, log)
            wait_for(lambda: "Database unavailable" in log_path.read_text(), 30, "the worker waiting")
            assert worker.poll() is None, log_path.read_text()
            worker.terminate()
            assert worker.wait(timeout=10) == 0
