"""The desk's e-mails, delivered by mail.delivery: once each, with retries. To staff (invitations,
password resets) and the daily digest."""

from django_tasks import task

from mail import delivery

from . import digests, emails
from .models import Digest, StaffMessage


@task()
def send_staff_message(message_pk):
    return STAFF_MESSAGES.deliver(message_pk)


@task()
def send_digest(digest_pk):
    return DIGESTS.deliver(digest_pk)


STAFF_MESSAGES = delivery.register(
    send_staff_message, StaffMessage.objects.select_related("user", "edition"), emails.build
)
DIGESTS = delivery.register(send_digest, Digest.objects.select_related("user"), digests.build)
