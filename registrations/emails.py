"""The e-mails to registrants: queued as Message rows, built when sent, each with text and HTML.

Times are in the venue's zone with its abbreviation and UTC offset; links are absolute
to SITE_URL. Approved and changed messages carry the edition's .ics with the public
calendar's UID and the current SEQUENCE, so a calendar that holds it updates it in place;
the edition cancelled carries it with STATUS:CANCELLED. A registrant who cancels, and held a
place, is sent it with METHOD:CANCEL and a higher SEQUENCE, which removes it from their calendar.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.timezone import now as utc_now

from common.qr import qr_png
from common.when import local_time, when_text
from events import ics
from mail import delivery
from mail.emails import InlineImage, Link, build_email, paragraphs, write_to

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
    Kind.WITHDRAWN: "Your registration is cancelled: {edition}",
    Kind.LAPSED: "The place offered to you has passed on: {edition}",
}
WITH_CALENDAR = {Kind.APPROVED, Kind.CHANGED, Kind.CANCELLED, Kind.REMINDER}
# Only these may carry the online join link: they go to approved registrants alone.
WITH_JOIN_LINK = {Kind.APPROVED, Kind.CHANGED, Kind.REMINDER}
# The check-in code (attendance), as a QR code in the HTML part and a link in the text.
WITH_CHECK_IN = {Kind.APPROVED}
# The message's main action, a button where the text has its link: the link's name in the context.
# Declined and cancelled leave nothing to do; the footer still links the registration's page.
ACTIONS = {
    Kind.CONFIRM: ("confirm_url", "Confirm my address"),
    Kind.RECEIVED: ("manage_url", "See my registration"),
    Kind.APPROVED: ("manage_url", "See my registration"),
    Kind.WAITING: ("manage_url", "See my registration"),
    Kind.OFFERED: ("manage_url", "Take my place"),
    Kind.REMINDER: ("edition_url", "See the edition's page"),
    Kind.CHANGED: ("edition_url", "See what is new"),
    Kind.LINK: ("manage_url", "See my registration"),
    Kind.WITHDRAWN: ("register_url", "Ask for a place again"),
    Kind.LAPSED: ("register_url", "Ask for a place again"),
}


def queue(registration, kind, *, round=0):  # noqa: A002 - the Message field's name
    """One message, at most once per (request, kind, edition version, round); True if it is new.

    Enqueued in the caller's transaction: with the database backend the task's row commits
    with the registration's, so a status is never saved without its message, nor the reverse.
    """
    message, created = Message.objects.get_or_create(
        registration=registration,
        attempt=registration.attempt,
        kind=kind,
        sequence=registration.edition.sequence,
        round=round,
    )
    if created:
        delivery.enqueue(message)
    return created


def _calendar(edition, stamp, for_participants):
    return ics.calendar_for_editions(
        [edition], site_url=settings.SITE_URL, stamp=stamp, for_participants=for_participants
    )


def calendar_bytes(edition, stamp, *, for_participants=True):
    """The edition's .ics; `for_participants` (approved registrants only) adds the join link."""
    return _calendar(edition, stamp, for_participants).to_ical()


def _replace(component, name, value):
    component.pop(name, None)
    component.add(name, value)


def registrant_calendar(registration, stamp, *, for_participants=True, cancelled=False):
    """The .ics as this registrant's calendar holds it (its SEQUENCE: Registration.calendar_sequence).

    `cancelled`: the iTIP cancellation (METHOD:CANCEL, STATUS:CANCELLED, same UID, a higher
    SEQUENCE) that removes the entry, for a registrant who gave up their place.
    """
    calendar = _calendar(registration.edition, stamp, for_participants and not cancelled)
    if cancelled:
        _replace(calendar, "method", "CANCEL")
    for event in calendar.walk("VEVENT"):
        _replace(event, "sequence", registration.calendar_sequence(cancelled=cancelled))
        if cancelled:
            _replace(event, "status", "CANCELLED")
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
        "register_url": settings.SITE_URL + reverse("registrations:register", args=[edition.slug]),
        "offer_expires": local_time(registration.offer_expires_at, edition.tz)
        if registration.offer_expires_at
        else "",
        "join_url": edition.online_url if message.kind in WITH_JOIN_LINK and edition.has_online_part else "",
        "confirm_days": settings.CONFIRM_LINK_DAYS,
        "write_to": write_to(edition),
        # A door to show it at: not for an online edition.
        "check_in_url": settings.SITE_URL + registration.check_in_url()
        if message.kind in WITH_CHECK_IN and edition.has_venue
        else "",
    }
    subject = SUBJECTS[message.kind].format(edition=edition.title)
    context["subject"] = subject
    text = render_to_string(f"registrations/email/{message.kind}.txt", context)
    url, label = ACTIONS.get(message.kind, (None, ""))
    actions = {context[url]: label} if url else {}
    images = {}
    if context["check_in_url"]:
        code = qr_png(context["check_in_url"], scale=6)
        alt = "Your check-in code (QR code)"
        images[context["check_in_url"]] = InlineImage("check-in-code", code, alt=alt)
    email = build_email(
        registration.email,
        subject,
        text,
        body=paragraphs(text, actions, images),
        reason=f"You receive this because this address asked for a place at {edition.title}.",
        links=[Link("Your registration", context["manage_url"])],
        also_link=context["join_url"],
        edition=edition,
    )
    if message.kind in WITH_CALENDAR:
        # A cancellation also reaches those without a place (pending, waiting): its calendar
        # entry must not carry the join link either.
        body = registrant_calendar(registration, now, for_participants=message.kind in WITH_JOIN_LINK)
        email.attach(f"{edition.slug}.ics", body, "text/calendar; method=PUBLISH")
    elif message.kind == Kind.WITHDRAWN and registration.was_sent_calendar:
        # Only a registrant who was sent the entry has one to remove.
        body = registrant_calendar(registration, now, cancelled=True)
        email.attach(f"{edition.slug}.ics", body, "text/calendar; method=CANCEL")
    return email
