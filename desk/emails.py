"""The e-mails to staff: queued as StaffMessage rows, built when sent, each with text and HTML.

Both lead to the same page, Django's password_reset_confirm, with a link made by Django's token
generator when the e-mail is built: it works once (setting a password changes what it signs) and
for PASSWORD_RESET_TIMEOUT.
"""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.timezone import now as utc_now

from common.when import when_text
from mail import delivery
from mail.emails import build_email, paragraphs
from mail.models import RESEND_AFTER

from .models import StaffMessage, StaffMessageKind

Kind = StaffMessageKind

SUBJECTS = {
    Kind.INVITATION: "Set your password to run {edition}",
    Kind.PASSWORD_RESET: "Set a new password for the Clusters meet Regions admin",
}
REASONS = {
    Kind.INVITATION: "You receive this because an organiser of Clusters meet Regions added this address "
    "to the team of {edition}.",
    Kind.PASSWORD_RESET: "You receive this because someone asked for a new password for the account "
    "with this address.",
}


def queue_invitation(user, edition):
    """The invitation to `edition`'s team, once per person and edition; True if it is new.

    Queued in the caller's transaction, so the account and its invitation commit together.
    """
    message, created = StaffMessage.objects.get_or_create(user=user, edition=edition, kind=Kind.INVITATION)
    if created:
        delivery.enqueue(message)
    return created


def queue_password_reset(user):
    """A password reset e-mail; True if it is new.

    A second request soon after the first is the form sent twice, or a person impatient for
    the e-mail: the message on its way serves both, with a link as good as a second one's.
    """
    recent = StaffMessage.objects.filter(
        user=user, kind=Kind.PASSWORD_RESET, created_at__gt=utc_now() - RESEND_AFTER
    )
    if recent.exists():
        return False
    delivery.enqueue(StaffMessage.objects.create(user=user, kind=Kind.PASSWORD_RESET))
    return True


def set_password_url(user):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return settings.SITE_URL + reverse("password_reset_confirm", args=[uid, token])


def build(message):
    """The EmailMultiAlternatives for a queued message, with a fresh set-password link."""
    user = message.user
    edition = message.edition
    title = edition.title if edition else ""
    context = {
        "user": user,
        "edition": edition,
        "when": when_text(edition) if edition else "",
        "set_password_url": set_password_url(user),
        "login_url": settings.SITE_URL + reverse("admin:login"),
        "link_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
    }
    subject = SUBJECTS[message.kind].format(edition=title)
    text = render_to_string(f"desk/email/{message.kind}.txt", context)
    return build_email(
        user.email,
        subject,
        text,
        body=paragraphs(text, {context["set_password_url"]: "Set my password"}),
        reason=REASONS[message.kind].format(edition=title),
    )
