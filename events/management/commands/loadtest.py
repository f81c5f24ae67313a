"""The load test behind `make loadtest`: 64 connections for 60 seconds, no errors allowed.

Like `bench`, it expects the synthetic archive `make loadtest` prepares. wrk
walks through a mix of pages and feeds (the archive pages, an edition, a
summary, the feed); any socket error or non-2xx answer fails the run.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from events.models import Edition

LUA = """
local paths = {%s}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n %% #paths) + 1])
end
"""


class Command(BaseCommand):
    help = "Hold 64 connections against gunicorn for 60 s; fail on any error or non-2xx answer."

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=int, default=60)
        parser.add_argument("--connections", type=int, default=64)
        parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)

    def handle(self, *, seconds, connections, workers, **options):
        wrk = shutil.which("wrk")
        if not wrk:
            raise CommandError("wrk is missing: `make loadtest` installs it from Debian's packages.")
        past = Edition.objects.published().past().filter(summary__isnull=False).first()
        if past is None:
            raise CommandError("Run `make loadtest`: it loads the synthetic archive first.")
        paths = [
            "/",
            "/editions/",
            "/editions/?page=2",
            past.get_absolute_url(),
            past.get_absolute_url() + "summary/",
            "/series/clusters-meet-regions/",
            "/calendar.ics",
            "/healthz",
        ]
        port = 8766
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
            self._wait(base)
            with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
                script.write(LUA % ", ".join(f'"{path}"' for path in paths))
                script.flush()
                self.stdout.write(
                    f"Load test: {connections} connections for {seconds} s against gunicorn "
                    f"({workers} workers), {len(paths)} URLs in turn"
                )
                result = subprocess.run(  # noqa: S603 - our own arguments
                    [wrk, "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency",
                     "-s", script.name, base],
                    capture_output=True,
                    text=True,
                    check=True,
                )  # fmt: skip
        finally:
            server.terminate()
            server.wait(timeout=30)
        self.report(result.stdout)

    def _wait(self, base):
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)  # noqa: S310 - our own server
                return
            except OSError:
                time.sleep(0.2)
        raise CommandError("gunicorn did not start")

    def report(self, out):
        requests = int(re.search(r"(\d+) requests in", out).group(1))
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
        p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1)
        non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
        non2xx = int(non2xx.group(1)) if non2xx else 0
        errors = sum(int(n) for n in socket.groups()) if socket else 0
        self.stdout.write(out)
        summary = f"{requests} requests, {rps:.0f} req/s, p99 {p99}, {errors} socket errors, {non2xx} non-2xx"
        if errors or non2xx:
            raise CommandError(f"FAILED: {summary}")
        self.stdout.write(self.style.SUCCESS(f"PASSED: {summary}"))
