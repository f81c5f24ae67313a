"""Queued e-mails (outbox rows) delivered once each: transient failures retried, permanent ones recorded.

The row, not the task queue, is the source of truth. A row is due while it is unsent, has not
failed for good and its `next_attempt_at` has passed. Delivering claims it first, with one UPDATE
that also pushes `next_attempt_at` a lease ahead (MAIL_CLAIM_SECONDS), so one sender at a time
holds it without keeping a transaction, or SQLite's write lock, open while the mail server talks.
A sender that dies lets its lease run out and the row becomes due again; the worker's sweep
(`manage.py run_worker`) sends whatever is due and was not sent by a task, so a task lost with a
killed worker or an enqueue refused by a lost database is made good.

Once the server has taken a message, marking it sent is retried for as long as the lease lasts:
a database lost for a while then costs a delay, not a second copy. What remains is a sender killed
between the server's "250" and that UPDATE: the message goes again when the lease runs out, with
the same Message-ID header, by which a mail client shows it once.

Transient: the mail server's 4xx, a dropped or refused connection, a timeout, a configuration
refusal (authentication, sender), an error in the site's code, a lost or locked database.
Permanent: a recipient or the content refused with 5xx. A row deleted meanwhile needs nothing.
"""

import logging
import random
import smtplib
import time
from contextlib import suppress
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.db.models import F
from django.utils.timezone import now as utc_now

from common.single_line import one_line

logger = logging.getLogger(__name__)

# 1, 2, 4 … minutes between attempts, at most six hours apart, for about three days.
FIRST_RETRY = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=6)
MAX_ATTEMPTS = 20
# A locked, restarting or unreachable database: worth waiting for, never a reason to give up.
DATABASE_ERRORS = (OperationalError, InterfaceError)


def retry_delay(attempts):
    """Doubling from a minute, with ±20 % jitter so messages failed together do not retry together."""
    delay = min(FIRST_RETRY * 2 ** (attempts - 1), LONGEST_WAIT)
    return delay * random.uniform(0.8, 1.2)  # noqa: S311 - spreading load, not a secret


def claim_length():
    return timedelta(seconds=settings.MAIL_CLAIM_SECONDS)


def is_permanent(error):
    """True if sending again cannot help: the recipient or the content was refused with 5xx."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(500 <= code < 600 for code, _text in error.recipients.values())
    if isinstance(error, smtplib.SMTPDataError):
        return 500 <= error.smtp_code < 600
    # Any other SMTP refusal (authentication, HELO, sender) is the site's configuration, and any
    # other error (a template's) the site's code: an operator can fix either, and every message
    # would fail alike, so none is given up before MAX_ATTEMPTS.
    return False


def message_id(row):
    """A Message-ID that belongs to the row, so a copy sent twice is recognisably the same message."""
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<{row._meta.label_lower}.{row.pk}.{row.created_at:%Y%m%d%H%M%S%f}@{domain}>"


def close_connection(model):
    """Drops a connection the database lost, so the next query opens a new one."""
    with suppress(DatabaseError):
        connections[model.objects.db].close()


@dataclass(frozen=True)
class Outbox:
    """One kind of queued e-mail row: its sending task, the rows with what `build` needs, `build`."""

    task: object
    rows: object
    build: object

    @property
    def model(self):
        return self.rows.model

    def due(self, now, grace=timedelta(0)):
        return self.model.objects.filter(
            sent_at=None, failed_at=None, next_attempt_at__lte=now - grace
        ).order_by("next_attempt_at", "pk")

    def deliver(self, pk):
        """Sends row `pk` if it is due and no other sender holds it; says what happened."""
        now = utc_now()
        claimed = (
            self.due(now)
            .filter(pk=pk)
            .update(next_attempt_at=now + claim_length(), attempts=F("attempts") + 1)
        )
        if not claimed:
            return "nothing to do"  # sent, failed for good, deleted, not due, or held by another sender
        row = self.rows.filter(pk=pk).first()
        if row is None:
            return "nothing to do"
        try:
            email = self.build(row)
            email.subject = one_line(email.subject)
            email.extra_headers["Message-ID"] = message_id(row)
            email.send()
        except DATABASE_ERRORS:
            raise  # the lease runs out and the row is due again
        except Exception as error:
            return self._failed(row, error)
        self._mark_sent(row, utc_now())
        return "sent"

    def _mark_sent(self, row, when):
        """Records the delivery, waiting out a lost database for as long as the lease keeps the row ours."""
        deadline = time.monotonic() + settings.MAIL_CLAIM_SECONDS * 0.8
        wait = 0.5
        while True:
            try:
                self.model.objects.filter(pk=row.pk).update(sent_at=when)
                return
            except DATABASE_ERRORS:
                if time.monotonic() > deadline:
                    logger.error("%s %s sent, but the database cannot record it", row._meta.label, row.pk)
                    raise
                logger.warning("%s %s sent; no database to record it yet", row._meta.label, row.pk)
                close_connection(self.model)
                time.sleep(wait)
                wait = min(wait * 2, 10)

    def _failed(self, row, error):
        label = f"{row._meta.label} {row.pk} ({getattr(row, 'kind', '')})"
        # Never the text of the error: a refusal names the recipient's address.
        reason = mail_failure(error)[:1000]
        rows = self.model.objects.filter(pk=row.pk)
        if not isinstance(error, smtplib.SMTPException | OSError):
            logger.error("%s cannot be built", label, exc_info=error)
        if is_permanent(error) or row.attempts >= MAX_ATTEMPTS:
            rows.update(failed_at=utc_now(), last_error=reason)
            logger.error("%s failed for good after %s attempts: %s", label, row.attempts, reason)
            return "failed"
        when = utc_now() + retry_delay(row.attempts)
        rows.update(next_attempt_at=when, last_error=reason)
        logger.warning("%s not sent (%s); next attempt at %s", label, reason, when.isoformat())
        # Without a database to enqueue in, the worker's sweep sends it when it is due.
        with suppress(DATABASE_ERRORS):
            self.task.using(run_after=when).enqueue(row.pk)
        return "retry"


def mail_failure(error):
    """What a failed delivery may record and log: the error's kind and SMTP codes, no address.

    A refusal's text names the recipient ("<ana@example.org>: Recipient address rejected"), and
    SMTPRecipientsRefused is keyed by the addresses, so neither goes into a log or a row.
    """
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = sorted({str(code) for code, _text in error.recipients.values()})
        return f"{type(error).__name__}: {', '.join(codes)}"
    code = getattr(error, "smtp_code", None) or getattr(error, "errno", None)
    return f"{type(error).__name__}: {code}" if code else type(error).__name__


OUTBOXES = {}


def register(task, rows, build):
    """Makes a kind of e-mail row known to the sweep; its task calls the returned Outbox's deliver()."""
    outbox = Outbox(task, rows, build)
    OUTBOXES[outbox.model._meta.label] = outbox
    return outbox


def enqueue(row):
    """Queues the sending of a new row through its outbox's task (registered by its app's tasks module)."""
    OUTBOXES[row._meta.label].task.enqueue(row.pk)


def sweep(grace=timedelta(minutes=1), keep_going=lambda: True, limit=1000):
    """Sends every row due for longer than `grace` (its task was lost, or never enqueued).

    Every app's tasks module registers its outbox when Django starts (mail.apps).
    """
    sent = 0
    for outbox in OUTBOXES.values():
        for pk in list(outbox.due(utc_now(), grace).values_list("pk", flat=True)[:limit]):
            if not keep_going():
                return sent
            sent += outbox.deliver(pk) == "sent"
    return sent
