"""The desk's e-mails to staff, delivered by mail.delivery: once each, with retries."""

from django_tasks import task

from mail import delivery

from . import emails
from .models import StaffMessage


@task()
def send_staff_message(message_pk):
    return STAFF_MESSAGES.deliver(message_pk)


STAFF_MESSAGES = delivery.register(
    send_staff_message, StaffMessage.objects.select_related("user", "edition"), emails.build
)
