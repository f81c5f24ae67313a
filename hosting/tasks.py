"""Hosting's e-mails, delivered by registrations.delivery: once each, with retries."""

from django_tasks import task

from registrations import delivery

from . import alerts, emails
from .models import ApplicationMessage


@task()
def send_application_message(message_pk):
    return APPLICATION_MESSAGES.deliver(message_pk)


APPLICATION_MESSAGES = delivery.register(
    send_application_message,
    ApplicationMessage.objects.select_related("application__call__series"),
    emails.build,
)
# The sweep finds the outboxes through each app's tasks module: alerts' is registered there.
ALERTS = alerts.ALERTS
