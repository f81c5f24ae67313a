"""E-mail delivery (mail/delivery.py) and its worker (`manage.py run_worker`), against the
real SMTP server: transient failures retried, permanent ones recorded, nothing sent twice."""

import datetime
import os
import subprocess

import pytest
from django.core.management import call_command
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from events.models import Edition
from mail import delivery
from mail.management.commands.run_worker import worker_id
from registrations import flow
from registrations.models import Message, Registration
from registrations.places import lapse_offer_when_due
from tests.factories import EditionFactory
from tests.registrations_helpers import on_site_edition, run_worker

# Transactional: the workers close their connection between tasks, as in production.
pytestmark = pytest.mark.django_db(transaction=True)

NOW = datetime.datetime(2030, 4, 1, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def now(time_machine):
    time_machine.move_to(NOW, tick=False)
    return NOW


def register(edition, email="ana@example.org"):
    fields = {"name": "Ana", "organisation": "A cluster", "country": "BE", "kind": "cluster"}
    return flow.create(edition, email=email, **fields)


def run_our_worker():
    """`manage.py run_worker` until nothing is due, its sweep taking any e-mail due at once."""
    call_command("run_worker", batch=True, startup_delay=False, reload=False, verbosity=0, sweep_grace=0)


def refuse(smtp_server, command, reply):
    """The SMTP server answers `command` (RCPT, DATA) with `reply` until told otherwise."""

    async def hook(server, session, envelope, *args):
        return reply

    setattr(smtp_server.inbox, f"handle_{command}", hook)


def tasks(status):
    """The registration desk's tasks in this state (saving an edition queues alerts' too)."""
    return DBTaskResult.objects.filter(status=status, task_path__startswith="registrations.")


def test_a_4xx_refusal_is_retried_after_a_back_off_and_the_message_then_sent_once(
    smtp_server, time_machine, now
):
    register(on_site_edition())
    refuse(smtp_server, "DATA", "451 4.3.0 Try again later")
    run_worker()
    message = Message.objects.get()
    assert (message.sent_at, message.failed_at, message.attempts) == (None, None, 1)
    assert message.last_error == "SMTPDataError: 451"
    (retry,) = tasks(TaskResultStatus.READY)
    assert NOW + datetime.timedelta(seconds=40) < retry.run_after < NOW + datetime.timedelta(seconds=80)
    assert not tasks(TaskResultStatus.FAILED).exists()

    del smtp_server.inbox.handle_DATA
    run_worker()  # not due yet
    assert smtp_server.messages == []
    time_machine.move_to(NOW + datetime.timedelta(minutes=2), tick=False)
    run_worker()
    (sent,) = smtp_server.messages
    message.refresh_from_db()
    assert message.sent_at is not None and message.attempts == 2
    assert sent["Message-ID"] == delivery.message_id(message)
    run_our_worker()
    assert len(smtp_server.messages) == 1


def test_a_5xx_refusal_of_the_recipient_is_recorded_as_permanent_and_never_retried(
    smtp_server, time_machine, now
):
    register(on_site_edition())
    refuse(smtp_server, "RCPT", "550 5.1.1 <ana@example.org>: no such user")
    run_worker()
    message = Message.objects.get()
    assert message.failed_at is not None and message.sent_at is None
    # The kind of refusal and its code, never the address the server's text repeats.
    assert message.last_error == "SMTPRecipientsRefused: 550"
    assert not tasks(TaskResultStatus.READY).exists()
    assert not tasks(TaskResultStatus.FAILED).exists()

    del smtp_server.inbox.handle_RCPT
    time_machine.move_to(NOW + datetime.timedelta(days=1), tick=False)
    run_our_worker()
    assert smtp_server.messages == []
    message.refresh_from_db()
    assert message.attempts == 1


def test_a_5xx_refusal_of_the_content_is_permanent_but_a_refused_login_is_retried(smtp_server, now):
    from smtplib import SMTPAuthenticationError, SMTPDataError, SMTPRecipientsRefused

    assert delivery.is_permanent(SMTPDataError(554, b"spam"))
    assert delivery.is_permanent(SMTPRecipientsRefused({"a@example.org": (550, b"no")}))
    assert not delivery.is_permanent(SMTPRecipientsRefused({"a@example.org": (450, b"busy")}))
    # The site's own configuration: fixing it sends everything, so nothing is given up.
    assert not delivery.is_permanent(SMTPAuthenticationError(535, b"bad password"))
    assert not delivery.is_permanent(TimeoutError())
    assert not delivery.is_permanent(NameError("a bug, fixed by the next release"))


def test_tasks_about_a_deleted_registration_end_quietly_with_nothing_sent(smtp_server, now):
    edition = on_site_edition(registration_places=0)
    registration = register(edition)
    lapse_offer_when_due.enqueue(registration.pk)
    flow.delete(registration.pk)
    run_worker()
    assert smtp_server.messages == []
    assert not tasks(TaskResultStatus.FAILED).exists()
    assert tasks(TaskResultStatus.SUCCESSFUL).count() == 2


def test_an_edition_title_is_saved_on_one_line(db):
    edition = EditionFactory(title="Clusters meet\r\nRegions:\x00 Vilnius\u2028")
    edition.refresh_from_db()
    assert edition.title == "Clusters meet Regions: Vilnius"


def test_a_line_break_in_a_title_never_stops_an_email_nor_adds_a_header(smtp_server, now):
    edition = on_site_edition()
    # Written past save(), as an old row or a bulk update would hold it.
    Edition.objects.filter(pk=edition.pk).update(title="Vilnius\r\nBcc: mallory@example.org")
    register(Edition.objects.get(pk=edition.pk))
    run_worker()
    (sent,) = smtp_server.messages
    assert sent["Subject"] == "Please confirm your address: Vilnius Bcc: mallory@example.org"
    assert sent["Bcc"] is None
    assert Message.objects.get().sent_at is not None


def test_a_task_left_running_by_a_killed_worker_is_run_again_and_its_email_sent_once(smtp_server, now):
    register(on_site_edition())
    dead = subprocess.Popen(["true"])
    dead.wait()
    claimed_by = worker_id().replace(f":{os.getpid()}:", f":{dead.pid}:")
    tasks(TaskResultStatus.READY).update(
        status=TaskResultStatus.RUNNING, started_at=NOW, worker_ids=[claimed_by]
    )
    run_worker()  # django-tasks-db's own worker leaves it for ever
    assert tasks(TaskResultStatus.RUNNING).count() == 1 and smtp_server.messages == []

    run_our_worker()
    assert len(smtp_server.messages) == 1
    assert tasks(TaskResultStatus.SUCCESSFUL).count() == 1
    run_our_worker()
    assert len(smtp_server.messages) == 1


def test_an_email_whose_task_was_lost_is_sent_by_the_sweep_once(smtp_server, now):
    register(on_site_edition())
    DBTaskResult.objects.all().delete()  # as if the enqueue had failed, or the row been purged
    run_worker()
    assert smtp_server.messages == []
    run_our_worker()
    run_our_worker()
    assert len(smtp_server.messages) == 1
    assert Registration.objects.get().messages.get().sent_at is not None
