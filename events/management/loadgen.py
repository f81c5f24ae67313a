"""gunicorn and wrk, as `make bench` and `make loadtest` run them."""

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import CommandError

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


@contextmanager
def gunicorn(port, workers):
    """gunicorn with gunicorn.conf.py on 127.0.0.1:`port`; yields its base URL once /healthz answers."""
    env = {**os.environ, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": str(workers)}
    server = subprocess.Popen(  # noqa: S603 - our own arguments
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)  # noqa: S310 - our own server
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise CommandError("gunicorn did not start")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def wrk(url, *, seconds, connections, options=()):
    """Runs wrk and reads its report: requests, req/s, p50 and p99 in ms, non-2xx and socket errors."""
    program = shutil.which("wrk")
    if not program:
        raise CommandError(
            "wrk is missing: `make bench` and `make loadtest` install it from Debian's packages."
        )
    result = subprocess.run(  # noqa: S603 - our own arguments
        [program, "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", *options, url],
        capture_output=True,
        text=True,
        check=True,
    )
    out = result.stdout

    def latency(percent):
        value, unit = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
        return float(value) * UNITS[unit]

    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "output": out,
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": latency(50),
        "p99": latency(99),
        "non2xx": int(non2xx.group(1)) if non2xx else 0,
        "socket_errors": sum(int(n) for n in sockets.groups()) if sockets else 0,
    }
