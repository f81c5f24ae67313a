"""Real servers for the tests, each on a free port: gunicorn with gunicorn.conf.py, and
Debian's nginx with deploy/nginx.conf in front of it."""

import fcntl
import hashlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from contextlib import contextmanager, suppress
from pathlib import Path

import environ

ROOT = Path(__file__).resolve().parents[1]
SECRET_KEY = "gunicorn-test-" + "k" * 60
# The throwaway server `make test` starts, for the tests that need PostgreSQL in both suites.
PG_URL = os.environ.get("TEST_PG_URL", "postgres://cmr@127.0.0.1:54329/cmr")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_env(database_url, **extra):
    """The environment of a production-like site on 127.0.0.1, over plain HTTP."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST_", "DATABASE_URL", "CACHE_URL"))
    }
    env.update(
        DEBUG="False",
        HTTPS="False",
        SECRET_KEY=SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        ENV_FILE=os.devnull,
        PYTHONUNBUFFERED="1",
    )
    env.update({key: str(value) for key, value in extra.items()})
    return env


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )


# Each kind of database has a migrated template, kept across sessions under the migrations' digest
# and copied for each test session and each test that needs a migrated site: `migrate` in a
# subprocess costs seconds, a copy a fraction of one. SQLite's is a file in /tmp, PostgreSQL's a
# database on the server (one per server).
_static_root = []


def _admin_connection(url):
    import psycopg

    config = environ.Env.db_url_config(url)
    admin = {"host": config["HOST"], "port": config["PORT"], "user": config["USER"], "dbname": "postgres"}
    if config.get("PASSWORD"):
        admin["password"] = config["PASSWORD"]
    return psycopg.connect(**admin, autocommit=True)


def _with_name(url, name):
    return url.rsplit("/", 1)[0] + "/" + name


def _migrations_digest():
    """A digest of every installed app's migration files (Django's own included)."""
    from django.apps import apps

    digest = hashlib.sha256()
    for app in sorted(apps.get_app_configs(), key=lambda app: app.label):
        for path in sorted(Path(app.path).glob("migrations/*.py")):
            digest.update(f"{app.label}/{path.name}\n".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def sqlite_template():
    """A SQLite file migrated to the migrations as they are, in /tmp under their digest: kept
    across sessions, so `migrate` runs once per change of the migrations, and each test session's
    database (tests/conftest.py) and each server's starts as a copy. A lock lets one process of
    several (pytest-xdist's workers, the streams of `make test`) build it while the others wait."""
    template = Path(tempfile.gettempdir()) / f"cmr-template-{_migrations_digest()}.sqlite3"
    with open(f"{template}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not template.exists():
            building = template.with_suffix(f".{os.getpid()}.building")
            manage(site_env(f"sqlite:///{building}"), "migrate", "--noinput")
            building.replace(template)
    return template


def migrated_template(url):
    """The migrated template for `url`'s kind of database (its server, for PostgreSQL): a SQLite
    file's path, or a PostgreSQL database's name."""
    return postgres_template(url) if url.startswith("postgres") else sqlite_template()


def postgres_template(url):
    """`cmr_template_<digest>` on `url`'s server, migrated once per change of the migrations and
    kept, as SQLite's file is. An advisory lock lets one process of several build it while the
    others wait; templates of other migrations are dropped then, unless one is being copied."""
    from psycopg.errors import ObjectInUse

    template = f"cmr_template_{_migrations_digest()}"
    with _admin_connection(url) as connection:
        connection.execute("SELECT pg_advisory_lock(hashtext('cmr_template'))")
        exists = "SELECT 1 FROM pg_database WHERE datname = %s"
        if not connection.execute(exists, [template]).fetchone():
            building = f"{template}_{os.getpid()}"
            connection.execute(f'DROP DATABASE IF EXISTS "{building}"')
            connection.execute(f'CREATE DATABASE "{building}"')
            manage(site_env(_with_name(url, building)), "migrate", "--noinput")
            connection.execute(f'ALTER DATABASE "{building}" RENAME TO "{template}"')
            others = "SELECT datname FROM pg_database WHERE starts_with(datname, 'cmr_template_')"
            for (name,) in connection.execute(others).fetchall():
                if name == template:
                    continue
                with suppress(ObjectInUse):
                    connection.execute(f'DROP DATABASE "{name}"')
        connection.execute("SELECT pg_advisory_unlock(hashtext('cmr_template'))")
    return template


def copy_database(url, name):
    """A new database `name` on `url`'s server, a copy of its migrated template. PostgreSQL refuses
    to copy a database while anyone is connected to it, as pg_dump is for a second in the other
    suite (copy_migrated_postgres): the copy is then tried again."""
    from psycopg.errors import ObjectInUse

    template = postgres_template(url)
    deadline = time.monotonic() + 60
    with _admin_connection(url) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        while True:
            try:
                connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
                return
            except ObjectInUse:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)


def drop_database(url, name):
    with _admin_connection(url) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def copy_migrated_postgres(url, pg_bin, source_url):
    """Fills `url`, an empty database on a PostgreSQL server of a test's own, with the migrated
    template of `source_url`'s server: pg_dump and psql take a second or two of CPU, a `migrate`
    in a subprocess many."""
    source = _with_name(source_url, migrated_template(source_url))
    dump = subprocess.run(
        [f"{pg_bin}/pg_dump", "--no-owner", "--no-privileges", "--dbname", source],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [f"{pg_bin}/psql", "--quiet", "--set", "ON_ERROR_STOP=1", "--dbname", url],
        input=dump.stdout,
        check=True,
        capture_output=True,
    )


def remove_collected_static():
    """Removes the session's collected static files (tests/conftest.py, at the end)."""
    for path in _static_root:
        shutil.rmtree(path, ignore_errors=True)
    _static_root.clear()


def collected_static():
    """A STATIC_ROOT that `collectstatic` filled once this session, for the servers the tests start
    (they only read it)."""
    if not _static_root:
        path = Path(tempfile.mkdtemp(prefix="cmr-static-"))
        _static_root.append(path)
        manage(site_env("sqlite://", STATIC_ROOT=path), "collectstatic", "--noinput")
    return _static_root[0]


@contextmanager
def throwaway_database(url=None, migrated=False):
    """A fresh database of the kind the suite runs on (or of `url`'s server): a SQLite file,
    or a new PostgreSQL database; `migrated`, a copy of the session's migrated template."""
    url = url or os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        path = Path(f"/tmp/cmr-gunicorn-{uuid.uuid4().hex}.sqlite3")
        if migrated:
            # copy(), not copyfile(): the file keeps the 0600 the site gave it.
            shutil.copy(migrated_template(url), path)
        try:
            yield f"sqlite:///{path}"
        finally:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    name = f"cmr_gunicorn_{uuid.uuid4().hex[:12]}"
    if migrated:
        copy_database(url, name)
    else:
        with _admin_connection(url) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _with_name(url, name)
    finally:
        drop_database(url, name)


def wait_until_up(url, process, timeout=30, name="gunicorn"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode}: {process.log.read_text()}")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2):
                return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    raise RuntimeError(f"{name} did not answer on {url} within {timeout}s")


@contextmanager
def gunicorn(env, workers=2):
    """Runs gunicorn; its output (the JSON log lines) goes to `process.log`, a file."""
    port = free_port()
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": str(workers)}
    log = Path(f"/tmp/cmr-gunicorn-{port}.log")
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    process.log = log
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process)
        process.url = url
        yield process
    finally:
        stop(process)
        log.unlink(missing_ok=True)


def stop(process):
    """SIGTERM, and SIGKILL for a server that has not gone 15 s later."""
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def nginx_path():
    """Debian's nginx (in /usr/sbin, which a user's PATH may lack), or None."""
    return shutil.which("nginx", path=os.environ.get("PATH", "") + os.pathsep + "/usr/sbin")


@contextmanager
def nginx(env, upstream):
    """Runs nginx with the repository's configuration in front of `upstream` (a gunicorn
    process from `gunicorn()`, or a list of them, which nginx takes in turns), as `make serve`
    does; its error log goes to `process.log`."""
    executable = nginx_path()
    if executable is None:
        raise RuntimeError("nginx is missing: `make debian-tools` installs Debian's nginx")
    port = free_port()
    run_dir = Path(tempfile.mkdtemp(prefix="cmr-nginx-"))
    # Started as root, nginx's workers run as nobody and need their temp folders.
    run_dir.chmod(0o755)
    render = [sys.executable, "deploy/nginx_conf.py", "--listen", f"127.0.0.1:{port}"]
    for server in upstream if isinstance(upstream, list) else [upstream]:
        render += ["--upstream", server.url.removeprefix("http://")]
    subprocess.run(
        [*render, "--standalone", str(run_dir)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    log = run_dir / "error.log"
    config = run_dir / "nginx.conf"
    with log.open("w") as output:
        process = subprocess.Popen(
            [executable, "-p", str(run_dir), "-e", "stderr", "-c", str(config), "-g", "daemon off;"],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    process.log = log
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process, name="nginx")
        process.url = url
        process.port = port
        yield process
    finally:
        stop(process)
        shutil.rmtree(run_dir, ignore_errors=True)
