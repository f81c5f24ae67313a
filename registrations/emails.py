"""The e-mails to registrants: queued as Message rows, built when sent, each with text and HTML.

Times are in the venue's zone with its abbreviation and UTC offset; links are absolute
to SITE_URL. Approved and changed messages carry the edition's .ics with the public
calendar's UID and the current SEQUENCE, so a calendar that holds it updates it in place;
the edition cancelled carries it with STATUS:CANCELLED.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils.timezone import now as utc_now

from events import ics

from .models import Message, MessageKind

Kind = MessageKind

SUBJECTS = {
    Kind.CONFIRM: "Please confirm your address: {edition}",
    Kind.RECEIVED: "Request received, pending approval: {edition}",
    Kind.APPROVED: "You are registered: {edition}",
    Kind.DECLINED: "Your registration was declined: {edition}",
    Kind.WAITING: "You are on the waiting list: {edition}",
    Kind.OFFERED: "A place is free for you: {edition}",
    Kind.REMINDER: "Reminder: {edition}",
    Kind.CHANGED: "Changed: {edition}",
    Kind.CANCELLED: "Cancelled: {edition}",
    Kind.LINK: "Your registration: {edition}",
}
WITH_CALENDAR = {Kind.APPROVED, Kind.CHANGED, Kind.CANCELLED, Kind.REMINDER}
# Only these may carry the online join link: they go to approved registrants alone.
WITH_JOIN_LINK = {Kind.APPROVED, Kind.CHANGED, Kind.REMINDER}


def queue(registration, kind, *, round=0):  # noqa: A002 - the Message field's name
    """One message, at most once per (kind, edition version, round); True if it is new.

    Enqueued in the caller's transaction: with the database backend the task's row commits
    with the registration's, so a status is never saved without its message, nor the reverse.
    """
    from .tasks import send_message

    message, created = Message.objects.get_or_create(
        registration=registration, kind=kind, sequence=registration.edition.sequence, round=round
    )
    if created:
        send_message.enqueue(message.pk)
    return created


def local_time(instant, edition):
    """24 April 2024, 08:30 CEST (UTC+02:00)."""
    local = instant.astimezone(edition.tz)
    offset = local.strftime("%z")
    return f"{local.day} {local:%B %Y, %H:%M} {local.tzname()} (UTC{offset[:3]}:{offset[3:]})"


def when_text(edition):
    """The edition's dates and times in the venue's zone."""
    if edition.is_timed:
        start = local_time(edition.local_start, edition)
        end = edition.local_end.astimezone(edition.tz)
        if edition.start_date == edition.end_date:
            return f"{start} to {end:%H:%M}"
        return f"{start} to {local_time(edition.local_end, edition)}"
    first, last = (f"{day.day} {day:%B %Y}" for day in (edition.start_date, edition.end_date))
    return first if first == last else f"{first} to {last}"


def calendar_bytes(edition, stamp, *, for_participants=True):
    """The edition's .ics; `for_participants` (approved registrants only) adds the join link."""
    calendar = ics.calendar_for_editions(
        [edition], site_url=settings.SITE_URL, stamp=stamp, for_participants=for_participants
    )
    return calendar.to_ical()


def build(message, now=None):
    """The EmailMultiAlternatives for a queued message, rendered from its templates."""
    now = now or utc_now()
    registration = message.registration
    edition = registration.edition
    context = {
        "registration": registration,
        "edition": edition,
        "kind": message.kind,
        "site_url": settings.SITE_URL,
        "when": when_text(edition),
        "edition_url": settings.SITE_URL + edition.get_absolute_url(),
        "manage_url": settings.SITE_URL + registration.manage_url(),
        "confirm_url": settings.SITE_URL + registration.get_confirm_url(),
        "offer_expires": local_time(registration.offer_expires_at, edition)
        if registration.offer_expires_at
        else "",
        "join_url": edition.online_url if message.kind in WITH_JOIN_LINK and edition.has_online_part else "",
        "confirm_days": settings.REGISTRATION_CONFIRM_DAYS,
    }
    subject = SUBJECTS[message.kind].format(edition=edition.title)
    context["subject"] = subject
    text = render_to_string(f"registrations/email/{message.kind}.txt", context)
    context["paragraphs"] = [p.strip() for p in text.split("\n\n") if p.strip()]
    html = render_to_string("registrations/email/message.html", context)
    email = EmailMultiAlternatives(subject, text, to=[registration.email])
    email.attach_alternative(html, "text/html")
    if message.kind in WITH_CALENDAR:
        # A cancellation also reaches those without a place (pending, waiting): its calendar
        # entry must not carry the join link either.
        body = calendar_bytes(edition, now, for_participants=message.kind in WITH_JOIN_LINK)
        email.attach(f"{edition.slug}.ics", body, "text/calendar; method=PUBLISH")
    return email
