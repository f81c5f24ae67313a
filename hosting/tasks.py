"""Hosting's e-mails, delivered by mail.delivery: once each, with retries."""

from django_tasks import task

from mail import delivery

from . import emails
from .models import ApplicationMessage


@task()
def send_application_message(message_pk):
    return APPLICATION_MESSAGES.deliver(message_pk)


APPLICATION_MESSAGES = delivery.register(
    send_application_message,
    ApplicationMessage.objects.select_related("application__call__series"),
    emails.build,
)
