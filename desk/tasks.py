"""The desk's tasks: its e-mails, delivered by mail.delivery once each with retries (to staff:
invitations, password resets, the daily digest), and the summaries' figures (desk/figures.py)."""

from django_tasks import task

from events.models import Edition
from mail import delivery

from . import digests, emails, figures
from .models import Digest, StaffMessage


@task()
def send_staff_message(message_pk):
    return STAFF_MESSAGES.deliver(message_pk)


@task()
def refresh_summary_figures(edition_pk):
    """The summary's figures after a check-in or an answer changed; nothing while the edition runs."""
    edition = Edition.objects.filter(pk=edition_pk).first()
    return edition is not None and figures.refresh(edition)


@task()
def send_digest(digest_pk):
    return DIGESTS.deliver(digest_pk)


STAFF_MESSAGES = delivery.register(
    send_staff_message, StaffMessage.objects.select_related("user", "edition"), emails.build
)
DIGESTS = delivery.register(send_digest, Digest.objects.select_related("user"), digests.build)
