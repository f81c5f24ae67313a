"""The benchmark behind `make bench`: throughput, latency and queries per page.

It expects the database `make bench` prepares (loadbench: 1,000 editions,
300 hosts, 3,000 agenda items, 100,000 registrations of past editions with their
attendance and feedback), starts gunicorn with gunicorn.conf.py on 127.0.0.1 and
loads each page with wrk. The floor is a minimal Django view behind the same
middleware stack (bench/urls.py adds it), so each page's ratio to it says what
the site's own work costs. The organisers' report over the whole archive is
timed in-process, as an organiser opens it: it is never cached.
"""

import os
import statistics
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.loadgen import gunicorn, wrk
from events import caching
from events.models import Edition
from registrations.models import Registration

# Every page and feed, served to a visitor, within 10 % of the floor.
TARGET_RATIO = 0.9
# The register page, which cannot be cached whole (registrations/register_page.py): a third.
REGISTER_TARGET_RATIO = 1 / 3
# The organisers' report over every edition and registration (desk/report.py), in milliseconds.
REPORT_TARGET_MS = 1000
# As browsers and calendar apps ask (Google's, Apple's and Outlook's fetchers
# all accept gzip): the floor is asked the same way.
CLIENT_HEADERS = ["-H", "Accept-Encoding: gzip"]


class Command(BaseCommand):
    help = "Benchmark the public pages under gunicorn with wrk (see `make bench`)."

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=int, default=10)
        parser.add_argument("--connections", type=int, default=16)
        parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)

    def handle(self, *, seconds, connections, workers, **options):
        count = Edition.objects.count()
        edition = Edition.objects.published().past().filter(agenda_items__isnull=False).first()
        with_group = Edition.objects.published().filter(registration_group__isnull=False)
        open_edition = next((e for e in with_group if e.registration_is_open()), None)
        if count < 1000 or edition is None or open_edition is None:
            raise CommandError("Run `make bench`: it loads the synthetic archive first.")
        pages = {
            "floor (minimal view)": "/bench/floor/",
            "/": "/",
            "/editions/": "/editions/",
            "edition page": edition.get_absolute_url(),
            "/calendar.ics": "/calendar.ics",
            "edition .ics": edition.get_absolute_url() + "calendar.ics",
            "register page": reverse("registrations:register", args=[open_edition.slug]),
        }
        self.stdout.write(
            f"{count} editions; gunicorn with {workers} workers; "
            f"wrk with {connections} connections, {seconds}s per page, accepting gzip"
        )
        queries = self.count_queries(pages)
        cold = self.cold_archive()
        report = self.time_report()
        # For the record, not the target: a client that takes no compression.
        uncompressed = {"/calendar.ics, no gzip": "/calendar.ics"}
        # Never cached (the places left are live), so held to its own, lower target.
        own_targets = {"register page": REGISTER_TARGET_RATIO}
        results = self.load(pages, uncompressed, seconds, connections, workers)
        queries.update(dict.fromkeys(uncompressed, queries["/calendar.ics"]))

        floor = results["floor (minimal view)"]["rps"]
        self.stdout.write("")
        self.stdout.write(
            f"{'page':<22}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'vs floor':>10}{'queries cold/warm':>19}"
        )
        failures = []
        for name, result in results.items():
            ratio = result["rps"] / floor
            self.stdout.write(
                f"{name:<22}{result['rps']:>9.0f}{result['p50']:>9.2f}{result['p99']:>9.2f}{ratio:>10.2f}"
                f"{'{} / {}'.format(*queries[name]):>19}"
            )
            if result["non2xx"] or result["socket_errors"]:
                failures.append(
                    f"{name}: {result['non2xx']} non-2xx, socket errors {result['socket_errors']}"
                )
            target = own_targets.get(name, TARGET_RATIO)
            if ratio < target and name not in uncompressed:
                failures.append(f"{name}: {ratio:.2f} of the floor, below the {target:.2f} target")
        self.stdout.write("")
        self.stdout.write(
            f"Cold /editions/ at {count} editions (cache cleared each time, in-process): "
            f"median {cold['median']:.1f} ms, worst {cold['max']:.1f} ms of {cold['runs']} runs "
            f"(the process's first request, not counted: {cold['first']:.1f} ms)"
        )
        if cold["median"] >= 100:
            failures.append(f"cold archive page: {cold['median']:.1f} ms, above the 100 ms target")
        self.stdout.write(
            f"The organisers' report over {count} editions and {report['registrations']:,} registrations "
            f"(in-process, signed in): median {report['median']:.0f} ms, worst {report['max']:.0f} ms "
            f"of {report['runs']} runs, {report['queries']} queries; each CSV: median {report['csv']:.0f} ms"
        )
        if report["max"] >= REPORT_TARGET_MS:
            failures.append(f"report: {report['max']:.0f} ms, above the {REPORT_TARGET_MS} ms target")
        for failure in failures:
            self.stdout.write(self.style.WARNING(f"Missed: {failure}"))
        if not failures:
            self.stdout.write(self.style.SUCCESS("Every target met."))

    def count_queries(self, pages):
        client = Client(HTTP_HOST="127.0.0.1")
        counts = {}
        for name, url in pages.items():
            caching.clear()
            counted = []
            for _ in range(2):
                with CaptureQueriesContext(connection) as captured:
                    response = client.get(url)
                if response.status_code != 200:
                    raise CommandError(f"{url} answered {response.status_code}")
                counted.append(len(captured))
            counts[name] = tuple(counted)
        return counts

    def cold_archive(self, runs=20):
        client = Client(HTTP_HOST="127.0.0.1")
        # The process's very first request also imports and compiles templates.
        caching.clear()
        started = time.perf_counter()
        client.get("/editions/")
        first = (time.perf_counter() - started) * 1000
        timings = []
        for _ in range(runs):
            caching.clear()
            started = time.perf_counter()
            client.get("/editions/")
            timings.append((time.perf_counter() - started) * 1000)
        return {"median": statistics.median(timings), "max": max(timings), "runs": runs, "first": first}

    def time_report(self, runs=5):
        """The report page and one CSV as an organiser asks for them, over the whole archive."""
        registrations = Registration.objects.count()
        if registrations < 100_000:
            raise CommandError("Run `make bench`: it loads 100,000 registrations for the report.")
        organiser, _ = get_user_model().objects.get_or_create(
            username="bench-organiser", defaults={"is_staff": True, "is_superuser": True}
        )
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(organiser)
        url = reverse("desk-report")
        client.get(url)  # templates compiled, as for the archive's first request

        def timed(address):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                response = client.get(address)
            if response.status_code != 200:
                raise CommandError(f"{address} answered {response.status_code}")
            return (time.perf_counter() - started) * 1000, len(captured)

        pages = [timed(url) for _ in range(runs)]
        csvs = [timed(reverse("desk-report-csv", args=["participants-by-country"])) for _ in range(runs)]
        timings = [ms for ms, _ in pages]
        return {
            "registrations": registrations,
            "median": statistics.median(timings),
            "max": max(timings),
            "runs": runs,
            "queries": pages[-1][1],
            "csv": statistics.median(ms for ms, _ in csvs),
        }

    def load(self, pages, uncompressed, seconds, connections, workers):
        runs = [(name, url, CLIENT_HEADERS) for name, url in pages.items()]
        runs += [(name, url, []) for name, url in uncompressed.items()]
        results = {}
        with gunicorn(workers) as base:
            for name, url, headers in runs:
                # Warm every worker's cache first.
                wrk(base + url, seconds=2, connections=connections, options=headers)
                results[name] = wrk(base + url, seconds=seconds, connections=connections, options=headers)
                self.stdout.write(f"  {name}: {results[name]['rps']:.0f} req/s")
        return results
