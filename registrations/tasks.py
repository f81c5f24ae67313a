"""Work that leaves the request: e-mails (mail.delivery retries them) and retention.

Each task is thin and safe to run twice: the e-mail rows say what is sent. The task that lapses
an offer is places.lapse_offer_when_due, beside the step that schedules it.
"""

from django.core.management import call_command
from django_tasks import task

from mail import delivery

from . import announcements, emails
from .models import AnnouncementMessage, Message


@task()
def send_message(message_pk):
    return MESSAGES.deliver(message_pk)


MESSAGES = delivery.register(
    send_message, Message.objects.select_related("registration__edition__series"), emails.build
)


@task()
def send_announcement_message(message_pk):
    return ANNOUNCEMENT_MESSAGES.deliver(message_pk)


ANNOUNCEMENT_MESSAGES = delivery.register(
    send_announcement_message,
    AnnouncementMessage.objects.select_related("registration", "announcement__edition__series"),
    announcements.build,
)


@task()
def retention():
    """The retention command, for operators who enqueue it (`manage.py registrations_retention --enqueue`)."""
    call_command("registrations_retention")
