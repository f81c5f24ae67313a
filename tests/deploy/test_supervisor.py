"""`make serve` under supervisord: a process that dies is started again, and the site goes on."""

import contextlib
import os
import signal
import stat
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.servers import ROOT, free_port, nginx_path, site_env, throwaway_database

# Real app servers, databases and caches: not part of the fast suite.
pytestmark = pytest.mark.services


def descendants(root):
    """`root`'s processes, children and grandchildren alike: {pid: (parent pid, command line)}."""
    # -ww: whole command lines, however wide the terminal says it is.
    command = ["ps", "-ww", "-eo", "pid=,ppid=,args="]
    listing = subprocess.run(command, capture_output=True, text=True, check=True)
    table = {}
    for line in listing.stdout.splitlines():
        pid, ppid, args = line.split(None, 2)
        table[int(pid)] = (int(ppid), args)
    found, frontier = {}, {root}
    while frontier:
        frontier = {pid for pid, (ppid, _) in table.items() if ppid in frontier}
        found.update({pid: table[pid] for pid in frontier})
    return found


def task_workers(serve):
    return [pid for pid, (_, args) in descendants(serve.pid).items() if "manage.py run_worker" in args]


def gunicorn_masters(serve):
    """gunicorn's masters: its workers have the same command line, and a master as parent."""
    tree = descendants(serve.pid)
    return [
        pid
        for pid, (ppid, args) in tree.items()
        if "gunicorn -c gunicorn.conf.py" in args and "gunicorn" not in tree.get(ppid, (0, ""))[1]
    ]


def answers(url):
    try:
        with urllib.request.urlopen(url + "/healthz", timeout=3) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def wait_for(condition, within):
    """Polls `condition`; the seconds it took to hold, or None if it did not within `within`."""
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > within:
            return None
        time.sleep(0.2)
    return time.monotonic() - started


def stop(process):
    """What Ctrl-C does: a signal to the whole group. Whatever is left 60 s later is killed."""
    running = set(descendants(process.pid))
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=60)
    finally:
        for pid in running:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
    return running


@pytest.fixture
def serve(tmp_path):
    """deploy/serve.sh, as `make serve` runs it, on free ports with a throwaway database."""
    if nginx_path() is None:
        pytest.fail("nginx is missing: run `make debian-tools` (or `make test`), which installs it.")
    # nginx's workers run as nobody: the uploads folder must be theirs to read.
    media_root = Path(tempfile.mkdtemp(prefix="cmr-serve-media-"))
    media_root.chmod(0o755)
    with throwaway_database(migrated=True) as database_url:
        env = site_env(
            database_url,
            STATIC_ROOT=tmp_path / "static",
            MEDIA_ROOT=media_root,
            BEHIND_PROXY="True",
            GUNICORN_WORKERS=1,
            SERVE_LISTEN=f"127.0.0.1:{free_port()}",
            SERVE_UPSTREAM=f"127.0.0.1:{free_port()}",
        )
        log = tmp_path / "serve.log"
        with log.open("w") as output:
            # A session of its own, as a terminal gives `make serve`: its group is what Ctrl-C stops.
            process = subprocess.Popen(
                ["deploy/serve.sh"],
                cwd=ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        process.url = "http://" + env["SERVE_LISTEN"]
        process.log = log
        try:
            assert wait_for(lambda: answers(process.url), within=90) is not None, log.read_text()
            assert wait_for(lambda: len(task_workers(process)) == 1, within=30) is not None, log.read_text()
            yield process
        finally:
            if process.poll() is None:
                stop(process)
    media_root.rmdir()


def test_a_killed_task_worker_and_gunicorn_master_are_restarted_while_nginx_goes_on(serve):
    [old_worker], [old_master] = task_workers(serve), gunicorn_masters(serve)
    old_app_workers = [pid for pid, (ppid, _) in descendants(serve.pid).items() if ppid == old_master]
    assert old_app_workers
    os.kill(old_worker, signal.SIGKILL)
    os.kill(old_master, signal.SIGKILL)

    def served_by_a_new_gunicorn():
        # The dead master's workers serve on until they notice it is gone: only an answer
        # once they have exited comes from the gunicorn supervisord started again.
        gone = not any(Path(f"/proc/{pid}").exists() for pid in old_app_workers)
        return gone and gunicorn_masters(serve) not in ([], [old_master]) and answers(serve.url)

    # gunicorn loads Django again before it answers: a few seconds, more on a busy machine.
    assert wait_for(served_by_a_new_gunicorn, within=40) is not None, serve.log.read_text()
    assert wait_for(lambda: task_workers(serve) not in ([], [old_worker]), within=30) is not None
    assert len(task_workers(serve)) == 1 and len(gunicorn_masters(serve)) == 1
    assert serve.poll() is None, serve.log.read_text()


def test_each_run_has_its_own_gunicorn_control_socket_and_a_stop_ends_every_process(serve):
    [master] = gunicorn_masters(serve)
    variables = Path(f"/proc/{master}/environ").read_bytes().decode().split("\0")
    environment = dict(item.split("=", 1) for item in variables if item)
    control = environment["GUNICORN_CONTROL_SOCKET"]
    # In this run's throwaway folder, not the one path every gunicorn of this user shares.
    assert control.startswith("/tmp/cmr-serve.") and Path(control).is_socket()
    assert stat.S_IMODE(Path(control).stat().st_mode) == 0o600

    running = stop(serve)
    assert serve.returncode == 0, serve.log.read_text()
    assert len(running) >= 5  # supervisord, nginx, gunicorn, the worker, the hourly jobs
    left = [pid for pid in running if Path(f"/proc/{pid}").exists()]
    assert left == []
    assert not Path(control).parent.exists()
