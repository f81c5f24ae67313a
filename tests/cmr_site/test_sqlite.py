"""SQLite as a server database: writers wait for each other instead of failing, and the file is private."""

import json
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.servers import ROOT, site_env, throwaway_database

SETTINGS = """
import json, os
from django.db import connection
with connection.cursor() as cursor:
    pragmas = {name: cursor.execute(f"PRAGMA {name}").fetchone()[0]
               for name in ("journal_mode", "synchronous", "busy_timeout")}
    # -wal and -shm exist while a connection is open.
    path = connection.settings_dict["NAME"]
    modes = {suffix: oct(os.stat(path + suffix).st_mode & 0o777) for suffix in ("", "-wal", "-shm")}
print(json.dumps({"transaction_mode": connection.transaction_mode, "pragmas": pragmas, "modes": modes}))
"""

# Confirming a registration reads the edition and the registration, then saves it and queues
# its e-mail (a task): the read-then-write transaction that SQLite fails at once when another
# writer holds the lock, unless the transaction took the write lock when it began.
CONFIRM = """
import json, sys, time
from registrations import flow
from registrations.models import Registration
pk = Registration.objects.get().pk
print("ready", flush=True)
sys.stdin.readline()
started = time.monotonic()
flow.confirm(pk)
print(json.dumps({"waited": time.monotonic() - started, "status": Registration.objects.get().status}))
"""

REGISTRATION = """
from registrations import flow
from tests.registrations_helpers import on_site_edition
edition = on_site_edition()
flow.create(edition, name="Ana", email="ana@example.org", organisation="O", country="BE", kind="cluster")
"""


def manage(env, *args, **options):
    # umask 022, as a login shell has: the site must make its own file private.
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        umask=0o022,
        **options,
    )


@pytest.fixture
def sqlite_site():
    """A migrated SQLite file database, whatever database the suite runs on."""
    with throwaway_database("sqlite://", migrated=True) as database_url:
        yield site_env(database_url), Path(database_url.removeprefix("sqlite://"))


def test_sqlite_runs_in_wal_mode_with_immediate_transactions_a_busy_timeout_and_a_private_file(sqlite_site):
    env, path = sqlite_site
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    seen = json.loads(manage(env, "shell", "--no-imports", "-c", SETTINGS).stdout)
    assert seen["transaction_mode"] == "IMMEDIATE"
    # synchronous=NORMAL is 1; the busy timeout is in milliseconds.
    assert seen["pragmas"] == {"journal_mode": "wal", "synchronous": 1, "busy_timeout": 20_000}
    assert seen["modes"] == {"": "0o600", "-wal": "0o600", "-shm": "0o600"}


def test_an_existing_database_file_open_to_others_is_made_private_when_the_site_opens_it(sqlite_site):
    env, path = sqlite_site
    path.chmod(0o644)
    # What `make serve` and a deployment run first.
    manage(env, "migrate", "--noinput")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_write_waits_for_another_writers_lock_of_a_few_seconds_instead_of_failing(sqlite_site):
    env, path = sqlite_site
    manage(env, "shell", "--no-imports", "-c", REGISTRATION)
    confirming = subprocess.Popen(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", CONFIRM],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert confirming.stdout.readline() == "ready\n", confirming.stderr.read()
        # Another process (the task worker, an admin save) holds the write lock for two seconds.
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        holder.execute("UPDATE events_edition SET title = title")
        confirming.stdin.write("go\n")
        confirming.stdin.flush()
        time.sleep(2)
        holder.execute("COMMIT")
        holder.close()
        out, err = confirming.communicate(timeout=30)
    finally:
        if confirming.poll() is None:
            confirming.kill()
    assert confirming.returncode == 0, err
    result = json.loads(out)
    assert result["status"] == "approved"
    assert 1.5 < result["waited"] < 10
