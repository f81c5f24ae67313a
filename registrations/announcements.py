"""Organisers' messages to registrants: sending one (once per person) and each person's e-mail.

The text part is the organisers' Markdown as they wrote it, which reads well as plain text;
the HTML part is its sanitised rendering (events' MarkdownField) in the one layout.
"""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.timezone import now as utc_now

from common.when import when_text
from mail import delivery
from mail.emails import Link, build_email, paragraphs

from .models import Announcement, AnnouncementMessage, Registration


@transaction.atomic
def send(announcement_pk, user=None, now=None):
    """Queues the message for everyone in its audience who does not have it yet; how many.

    The announcement's row is locked, so a double click, or two organisers at once, are served
    one after the other: the second finds everyone queued and queues nobody. Sending again later
    reaches only those who joined the audience since. The rows and their tasks commit together.
    """
    announcement = Announcement.objects.select_for_update().get(pk=announcement_pk)
    people = announcement.not_yet_reached().order_by("pk").values_list("pk", flat=True)
    rows = AnnouncementMessage.objects.bulk_create(
        AnnouncementMessage(announcement=announcement, registration_id=pk) for pk in people
    )
    for row in rows:
        delivery.enqueue(row)
    if not announcement.is_sent:
        announcement.sent_at, announcement.sent_by = now or utc_now(), user
        announcement.save(update_fields=["sent_at", "sent_by"])
    return len(rows)


def sample_message(announcement):
    """A copy for nobody, for the preview: a registrant who is not stored, with a link that leads nowhere."""
    registrant = Registration(
        edition=announcement.edition, name="A registrant", email="registrant@example.org"
    )
    return AnnouncementMessage(announcement=announcement, registration=registrant)


def build(message):
    """One person's e-mail: the message, their own page's link if the organisers chose so, the edition."""
    announcement, registration = message.announcement, message.registration
    edition = announcement.edition
    context = {
        "announcement": announcement,
        "edition": edition,
        "when": when_text(edition),
        "edition_url": settings.SITE_URL + edition.get_absolute_url(),
        "manage_url": settings.SITE_URL + registration.manage_url() if announcement.personal_link else "",
    }
    text = render_to_string("registrations/email/announcement.txt", context)
    about = render_to_string("registrations/email/_edition.txt", context)
    url = context["manage_url"]
    return build_email(
        registration.email,
        announcement.subject,
        text,
        # A rule between the organisers' words and the edition's particulars, which the site adds.
        html=format_html("{}<hr>", announcement.body_html),
        body=paragraphs(about),
        button=Link("See my registration", url) if url else None,
        reason=f"You receive this because you registered for {edition.title}.",
        links=[Link("Your registration", url)] if url else [],
        edition=edition,
    )
