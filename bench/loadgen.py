"""gunicorn and wrk, as `make bench` and `make loadtest` run them."""

import os
import re
import shutil
import subprocess
from contextlib import contextmanager

from django.core.management.base import CommandError

from tests import servers

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


@contextmanager
def gunicorn(workers):
    """gunicorn with gunicorn.conf.py and these settings on a free port; yields its base URL.

    The same launcher the tests use (tests/servers.py), in this process's environment.
    """
    with servers.gunicorn(dict(os.environ), workers=workers) as process:
        yield process.url


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
