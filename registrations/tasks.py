"""Work that leaves the request: e-mails (mail.delivery retries them), lapsing offers, retention.

Each task is thin and safe to run twice: the e-mail rows say what is sent, the flow's
functions what has lapsed.
"""

from django.core.management import call_command
from django_tasks import default_task_backend, task

from mail import delivery

from . import emails
from .models import Message, Registration


@task()
def send_message(message_pk):
    return MESSAGES.deliver(message_pk)


MESSAGES = delivery.register(
    send_message, Message.objects.select_related("registration__edition__series"), emails.build
)


@task()
def lapse_offer(registration_pk):
    from . import flow

    try:
        flow.lapse_offer(registration_pk)
    except Registration.DoesNotExist:
        return "gone"  # deleted by its registrant meanwhile: nothing to pass on
    return "done"


def lapse_offer_at(registration_pk, when):
    """Passes an unanswered offer on when its time is up (the daily command catches any left)."""
    if default_task_backend.supports_defer:
        lapse_offer.using(run_after=when).enqueue(registration_pk)


@task()
def retention():
    """The retention command, for operators who enqueue it (`manage.py registrations_retention --enqueue`)."""
    call_command("registrations_retention")
