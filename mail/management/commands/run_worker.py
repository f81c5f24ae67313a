"""`manage.py run_worker`: django-tasks-db's db_worker, made to outlive a lost or locked database.

db_worker stops on any database error other than SQLite's lock, and a worker killed mid-task
leaves that task RUNNING for ever. This one takes db_worker's options and, besides:
- waits out a database error with back-off (and jitter) and goes on; SIGTERM still stops it;
- puts a task that failed on the database back in the queue, instead of marking it FAILED;
- every --sweep-interval seconds, and at start, puts RUNNING tasks whose worker is gone back in
  the queue (a worker on this host that no longer runs, or one silent for --stale-after seconds)
  and sends every e-mail row due for over --sweep-grace seconds (mail.delivery.sweep).
"""

import logging
import os
import random
import socket
import time
from contextlib import suppress
from datetime import timedelta

from django.core.management.base import CommandError
from django.db import DatabaseError, close_old_connections, connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django.utils.crypto import get_random_string
from django.utils.timezone import now as utc_now
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from mail import delivery

logger = logging.getLogger(__name__)

LONGEST_WAIT = 30  # seconds between tries to reach a lost database
WORKER_OPTIONS = (
    "interval",
    "backend_name",
    "startup_delay",
    "max_tasks",
    "worker_id",
    "sweep_interval",
    "sweep_grace",
    "stale_after",
)


def worker_id():
    """host:pid:random, so a worker on the same host can tell whether the one that claimed a task lives."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{get_random_string(8)}"


def has_died(claimed_by):
    host, _, rest = claimed_by.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname()[:40] or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # alive, under another user
    return False


def close_connections():
    for connection in connections.all():
        with suppress(DatabaseError):
            connection.close()


class Worker(db_worker.Worker):
    def __init__(self, *, sweep_interval, sweep_grace, stale_after, **options):
        super().__init__(**options)
        self.sweep_interval = sweep_interval
        self.sweep_grace = timedelta(seconds=sweep_grace)
        self.stale_after = timedelta(seconds=stale_after)
        self.next_sweep = 0.0

    def run(self):
        logger.info("Starting worker %s", self.worker_id)
        if self.startup_delay and self.interval:
            time.sleep(random.random())  # noqa: S311 - against a thundering herd, as db_worker
        failures = 0
        while self.running:
            try:
                if time.monotonic() >= self.next_sweep:
                    self.sweep()
                    if not self.running:
                        return
                task_result = self.claim()
                if task_result is not None:
                    self.run_task(task_result)
            except delivery.DATABASE_ERRORS as error:
                failures += 1
                self.wait_for_database(error, failures)
                continue
            failures = 0
            if task_result is None and self.batch:
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                return
            close_old_connections()
            if self.running and task_result is None:
                time.sleep(self.interval)

    def claim(self):
        """The next task due, claimed as db_worker does (locked, skipping rows other workers hold)."""
        close_old_connections()
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        with exclusive_transaction(tasks.db):
            task_result = tasks.get_locked()
            if task_result is not None:
                task_result.claim(self.worker_id)
        return task_result

    def run_task(self, db_task_result):
        # db_worker records any exception as FAILED. One from the database is not the task's
        # fault: the task goes back to the queue, to run when the database answers again.
        set_failed = db_task_result.set_failed

        def set_failed_unless_database(error):
            if not isinstance(error, delivery.DATABASE_ERRORS):
                return set_failed(error)
            logger.warning("Task %s met a database error (%s); queued again", db_task_result.id, error)
            close_connections()
            self.requeue(DBTaskResult.objects.filter(pk=db_task_result.pk))

        db_task_result.set_failed = set_failed_unless_database
        super().run_task(db_task_result)

    @staticmethod
    def requeue(task_results):
        return task_results.filter(status=TaskResultStatus.RUNNING).update(status=TaskResultStatus.READY)

    def sweep(self):
        """Tasks whose worker is gone back in the queue; e-mails whose task was lost, sent."""
        # Set while sweeping: SIGTERM then lets the e-mail in hand be recorded before stopping.
        self.running_task = True
        try:
            self.requeue_orphans()
            sent = delivery.sweep(grace=self.sweep_grace, keep_going=lambda: self.running)
            if sent:
                logger.warning("The sweep sent %s e-mails whose task was lost", sent)
        finally:
            self.running_task = False
        self.next_sweep = time.monotonic() + self.sweep_interval

    def requeue_orphans(self):
        stale = utc_now() - self.stale_after
        for result in DBTaskResult.objects.running().only("id", "worker_ids", "started_at"):
            claimed_by = result.worker_ids[-1] if result.worker_ids else ""
            # This worker runs nothing while it sweeps: a task it holds was left by a database error.
            if not (claimed_by == self.worker_id or has_died(claimed_by) or result.started_at < stale):
                continue
            if self.requeue(DBTaskResult.objects.filter(pk=result.pk, started_at=result.started_at)):
                logger.warning("Task %s was left running by %s; queued again", result.pk, claimed_by)

    def wait_for_database(self, error, failures):
        wait = min(2 ** (failures - 1), LONGEST_WAIT) * random.uniform(0.5, 1.5)  # noqa: S311
        logger.warning("Database unavailable (%s); trying again in %.1f s", type(error).__name__, wait)
        close_connections()
        time.sleep(wait)


class Command(db_worker.Command):
    help = "Run the task worker: db_worker, resilient to database errors, with the e-mail sweep"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(worker_id=worker_id())
        parser.add_argument(
            "--sweep-interval", type=float, default=60, help="Seconds between sweeps (default: 60)"
        )
        parser.add_argument(
            "--sweep-grace",
            type=float,
            default=60,
            help="An e-mail due this many seconds is sent by the sweep, its task being lost (default: 60)",
        )
        parser.add_argument(
            "--stale-after",
            type=float,
            default=3600,
            help="A task running this long on another host is taken as lost (default: 3600)",
        )

    def handle(self, *, verbosity, queue_name, exclude_queues, reload, batch, **options):
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = Worker(
            queue_names=queue_names,
            excluded_queue_names=excluded,
            batch=batch,
            **{name: options[name] for name in WORKER_OPTIONS},
        )
        if reload and not batch:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # only in the child the reloader runs
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
