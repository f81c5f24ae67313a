"""Hosting's e-mails (to applicants, and to the organisers about a new application), delivered by
mail.delivery: once each, with retries."""

from django_tasks import task

from mail import delivery

from . import emails
from .models import ApplicationMessage, ApplicationNotice


@task()
def send_application_message(message_pk):
    return APPLICATION_MESSAGES.deliver(message_pk)


APPLICATION_MESSAGES = delivery.register(
    send_application_message,
    ApplicationMessage.objects.select_related("application__call__series"),
    emails.build,
)


@task()
def send_application_notice(notice_pk):
    return APPLICATION_NOTICES.deliver(notice_pk)


APPLICATION_NOTICES = delivery.register(
    send_application_notice,
    ApplicationNotice.objects.select_related("application__call", "application__cut_off", "user"),
    emails.build_notice,
)
