"""The load test behind `make loadtest`: 64 connections for 60 seconds, no errors allowed.

Like `bench`, it expects the synthetic archive `make loadtest` prepares. wrk
walks through a mix of pages and feeds (the archive pages, an edition, a
summary, the feed); any socket error or non-2xx answer fails the run.
"""

import os
import tempfile

from django.core.management.base import BaseCommand, CommandError

from bench.loadgen import gunicorn, wrk
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
        with gunicorn(workers) as base, tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
            script.write(LUA % ", ".join(f'"{path}"' for path in paths))
            script.flush()
            self.stdout.write(
                f"Load test: {connections} connections for {seconds} s against gunicorn "
                f"({workers} workers), {len(paths)} URLs in turn"
            )
            result = wrk(
                base,
                seconds=seconds,
                connections=connections,
                options=["--timeout", "10s", "-s", script.name],
            )
        self.stdout.write(result["output"])
        summary = (
            f"{result['requests']} requests, {result['rps']:.0f} req/s, p99 {result['p99']:.2f}ms, "
            f"{result['socket_errors']} socket errors, {result['non2xx']} non-2xx"
        )
        if result["socket_errors"] or result["non2xx"]:
            raise CommandError(f"FAILED: {summary}")
        self.stdout.write(self.style.SUCCESS(f"PASSED: {summary}"))
