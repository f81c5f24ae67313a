"""Faults: the database goes away and comes back; a worker dies under load."""

import contextlib
import os
import re
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request

import pytest

from tests.servers import collected_static, gunicorn, manage, site_env, throwaway_database

# Real app servers, databases and caches: not part of the fast suite.
pytestmark = pytest.mark.services


class Relay:
    """A TCP relay to PostgreSQL that the test can cut and restore, like a network failure."""

    def __init__(self, target_port):
        self.target_port = target_port
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.sockets = []
        self.listener = None

    def start(self):
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", self.port))
        self.listener.listen(16)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def stop(self):
        # shutdown() wakes the thread blocked in accept(); close() alone would not.
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        for sock in self.sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        self.sockets = []

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            server = socket.create_connection(("127.0.0.1", self.target_port))
            self.sockets += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source, target):
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=15) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.mark.db_independent  # PostgreSQL, whichever database the suite runs on
@pytest.mark.postgresql_suite
def test_with_the_database_gone_pages_answer_503_and_recover_by_themselves(postgres, tmp_path):
    with throwaway_database(postgres, migrated=True) as database_url:
        direct = site_env(database_url, STATIC_ROOT=collected_static())
        manage(direct, "loadarchive")
        relay = Relay(int(re.search(r":(\d+)/", database_url).group(1)))
        relay.start()
        through_relay = {**direct, "DATABASE_URL": re.sub(r":\d+/", f":{relay.port}/", database_url)}
        with gunicorn(through_relay, workers=1) as server:
            assert get(server.url + "/editions/charleroi-2024/")[0] == 200
            assert get(server.url + "/healthz")[0] == 200

            relay.stop()
            for url in ("/", "/editions/", "/editions/charleroi-2024/", "/calendar.ics"):
                status, body = get(server.url + url)
                assert status == 503, url
                assert "briefly unavailable" in body and "Traceback" not in body and "5432" not in body
            status, body = get(server.url + "/healthz")
            assert status == 503 and "unavailable" in body

            relay.start()
            assert get(server.url + "/editions/charleroi-2024/")[0] == 200
            assert get(server.url + "/healthz")[0] == 200
        relay.stop()


def worker_pids(master, expected, gone=None, within=15):
    """The master's workers once there are `expected` of them and `gone` is not among them.

    gunicorn forks its workers one after another, and replaces a dead one a moment after it dies:
    polling for the awaited state avoids racing either. Past `within` seconds, whatever is there.
    """
    deadline = time.monotonic() + within
    while True:
        children = subprocess.run(["ps", "-o", "pid=", "--ppid", str(master)], capture_output=True, text=True)
        pids = {int(pid) for pid in children.stdout.split()}
        if (len(pids) == expected and gone not in pids) or time.monotonic() > deadline:
            return pids
        time.sleep(0.1)


def test_a_worker_killed_under_load_is_replaced_without_failures_beyond_those_in_flight(tmp_path):
    with throwaway_database(migrated=True) as database_url:
        env = site_env(database_url, STATIC_ROOT=collected_static())
        manage(env, "loadarchive")
        with gunicorn(env, workers=2) as server:
            before = worker_pids(server.pid, expected=2)
            assert len(before) == 2
            load = subprocess.Popen(
                ["wrk", "-t2", "-c16", "-d8s", server.url + "/editions/"],
                stdout=subprocess.PIPE,
                text=True,
            )
            time.sleep(3)
            victim = min(before)
            os.kill(victim, signal.SIGKILL)
            out, _ = load.communicate(timeout=30)
            after = worker_pids(server.pid, expected=2, gone=victim)
    assert victim not in after and len(after) == 2, "the master started a new worker"
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    assert requests > 1000, out
    assert "Non-2xx" not in out, out
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    failed = sum(int(n) for n in errors.groups()) if errors else 0
    # A sync worker serves one request at a time: only that one can fail.
    assert failed <= 1, out
