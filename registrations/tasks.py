"""Work that leaves the request: e-mails (mail.delivery retries them) and retention.

Each task is thin and safe to run twice: the e-mail rows say what is sent. The task that lapses
an offer is places.lapse_offer_when_due, beside the step that schedules it.
"""

from django.core.management import call_command
from django_tasks import task

from mail import delivery

from . import emails
from .models import Message


@task()
def send_message(message_pk):
    return MESSAGES.deliver(message_pk)


MESSAGES = delivery.register(
    send_message, Message.objects.select_related("registration__edition__series"), emails.build
)


@task()
def retention():
    """The retention command, for operators who enqueue it (`manage.py registrations_retention --enqueue`)."""
    call_command("registrations_retention")
