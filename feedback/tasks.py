"""Sending the invitations (mail.delivery retries them); thin and safe to run twice."""

from django_tasks import task

from mail import delivery

from . import emails
from .models import FeedbackMessage


@task()
def send_invitation(message_pk):
    return INVITATIONS.deliver(message_pk)


INVITATIONS = delivery.register(
    send_invitation,
    FeedbackMessage.objects.select_related("registration", "survey__edition__series"),
    emails.build,
)
