"""Hosting's e-mails leave the request through registrations' queue and its retries."""

from django_tasks import task

from registrations.tasks import deliver

from . import emails
from .models import ApplicationMessage


@task()
def send_application_message(message_pk):
    rows = ApplicationMessage.objects.select_related("application__call__series")
    return deliver(send_application_message, rows, message_pk, emails.build)
