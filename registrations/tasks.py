"""Work that leaves the request: e-mails (retried with back-off), lapsing offers, retention.

django-tasks 0.12 has no retries of its own, so send_message schedules its next attempt
itself (run_after), with a delay that doubles each time, and records each failure on the
Message row. The row is locked while sending and marked sent in the same transaction,
so a retry, or a task that runs twice, never sends a message twice.
"""

import logging
import smtplib
from datetime import timedelta

from django.core.management import call_command
from django.db import transaction
from django.utils.timezone import now as utc_now
from django_tasks import default_task_backend, task

from . import emails
from .models import Message

logger = logging.getLogger(__name__)

# 1, 2, 4 … minutes between attempts, at most six hours apart, for about three days.
FIRST_RETRY = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=6)
MAX_ATTEMPTS = 20


def retry_delay(attempts):
    return min(FIRST_RETRY * 2 ** (attempts - 1), LONGEST_WAIT)


@task()
def send_message(message_pk):
    rows = Message.objects.select_related("registration__edition__series")
    return deliver(send_message, rows, message_pk, emails.build)


def deliver(sending_task, rows, message_pk, build):
    """Sends one queued message row once, retrying later with back-off if the server fails.

    Any row with `sent_at`, `attempts` and `last_error` will do (hosting's messages too):
    `build` makes its e-mail, `sending_task` is enqueued again for the next attempt.
    """
    with transaction.atomic():
        message = rows.select_for_update().filter(pk=message_pk).first()
        if message is None or message.sent_at is not None:
            return "gone or already sent"
        try:
            build(message).send()
        except (smtplib.SMTPException, OSError) as error:
            message.attempts += 1
            message.last_error = f"{type(error).__name__}: {error}"[:1000]
            message.save(update_fields=["attempts", "last_error"])
            if message.attempts >= MAX_ATTEMPTS or not default_task_backend.supports_defer:
                logger.error("Giving up on message %s after %s attempts", message.pk, message.attempts)
                return "gave up"
            when = utc_now() + retry_delay(message.attempts)
            sending_task.using(run_after=when).enqueue(message.pk)
            logger.warning("Message %s not sent (%s); next attempt at %s", message.pk, error, when)
            return "retry"
        message.attempts += 1
        message.sent_at = utc_now()
        message.save(update_fields=["attempts", "sent_at", "last_error"])
        return "sent"


@task()
def lapse_offer(registration_pk):
    from . import flow

    flow.lapse_offer(registration_pk)


def lapse_offer_at(registration_pk, when):
    """Passes an unanswered offer on when its time is up (the daily command catches any left)."""
    if default_task_backend.supports_defer:
        lapse_offer.using(run_after=when).enqueue(registration_pk)


@task()
def retention():
    """The retention command, for operators who enqueue it (`manage.py registrations_retention --enqueue`)."""
    call_command("registrations_retention")
