"""Every change of a registration's status, each in one transaction that locks the edition's row.

Places are allocated only here, and only while holding that lock (select_for_update), so two
requests for the last place are served one after the other and places are never exceeded.
Each change queues its e-mail in the same transaction: no status without its message.
"""

from datetime import timedelta

from django.db import transaction
from django.utils.timezone import now as utc_now

from events.models import Edition, RegistrationMode

from . import emails
from .models import ACTIVE, Registration

Status = Registration.Status


def _locked(registration_pk):
    """The edition's row locked first (always in this order), then the registration's."""
    edition_pk = Registration.objects.values_list("edition_id", flat=True).get(pk=registration_pk)
    edition = Edition.objects.select_for_update().get(pk=edition_pk)
    registration = (
        Registration.objects.select_for_update(of=("self",)).select_related("edition").get(pk=registration_pk)
    )
    return edition, registration


def places_left(edition):
    taken = Registration.objects.filter(edition=edition).holding_places().count()
    return max((edition.registration_places or 0) - taken, 0)


@transaction.atomic
def create(edition, **fields):
    """A new request: stored unconfirmed, with the confirmation e-mail queued."""
    registration = Registration.objects.create(edition=edition, **fields)
    emails.queue(registration, emails.Kind.CONFIRM)
    return registration


@transaction.atomic
def confirm(registration_pk, now=None):
    """The address is confirmed: approved while places last, or pending, or in line."""
    now = now or utc_now()
    edition, registration = _locked(registration_pk)
    if registration.status != Status.UNCONFIRMED:
        return registration
    registration.confirmed_at = now
    if edition.needs_approval:
        registration.status = Status.PENDING
        registration.save()
        emails.queue(registration, emails.Kind.RECEIVED)
    else:
        _admit_or_queue(edition, registration, now)
    return registration


def _admit_or_queue(edition, registration, now):
    if places_left(edition) > 0:
        registration.status = Status.APPROVED
        registration.sent_sequence = edition.sequence
        registration.save()
        emails.queue(registration, emails.Kind.APPROVED)
    else:
        registration.status = Status.WAITING
        registration.queued_at = now
        registration.save()
        emails.queue(registration, emails.Kind.WAITING)


@transaction.atomic
def approve(registration_pk, now=None):
    """An organiser approves: a place if one is left, else the waiting list, in order."""
    now = now or utc_now()
    edition, registration = _locked(registration_pk)
    if registration.status not in (Status.PENDING, Status.DECLINED):
        return registration
    _admit_or_queue(edition, registration, now)
    return registration


@transaction.atomic
def move_to_waiting_list(registration_pk, now=None):
    now = now or utc_now()
    edition, registration = _locked(registration_pk)
    if registration.status not in (Status.PENDING, Status.APPROVED, Status.OFFERED):
        return registration
    freed = registration.holds_place
    registration.status = Status.WAITING
    registration.queued_at = now
    registration.offer_expires_at = None
    registration.save()
    emails.queue(registration, emails.Kind.WAITING)
    if freed:
        offer_next(edition, now, skip=registration)
    return registration


@transaction.atomic
def decline(registration_pk, now=None):
    now = now or utc_now()
    edition, registration = _locked(registration_pk)
    if registration.status in (Status.UNCONFIRMED, Status.DECLINED, Status.CANCELLED):
        return registration
    freed = registration.holds_place
    registration.status = Status.DECLINED
    registration.offer_expires_at = None
    registration.save()
    emails.queue(registration, emails.Kind.DECLINED)
    if freed:
        offer_next(edition, now)
    return registration


@transaction.atomic
def cancel(registration_pk, now=None):
    """The registrant cancels: a place they held goes to the first in line."""
    now = now or utc_now()
    edition, registration = _locked(registration_pk)
    if registration.status == Status.CANCELLED:
        return registration
    freed = registration.holds_place
    registration.status = Status.CANCELLED
    registration.offer_expires_at = None
    registration.save()
    if freed:
        offer_next(edition, now)
    return registration


@transaction.atomic
def accept_offer(registration_pk, now=None):
    """Taking an offered place before it lapses; afterwards the place has passed on."""
    now = now or utc_now()
    edition, registration = _locked(registration_pk)
    if not registration.offer_is_open(now):
        return registration
    registration.status = Status.APPROVED
    registration.offer_expires_at = None
    registration.sent_sequence = edition.sequence
    registration.save()
    emails.queue(registration, emails.Kind.APPROVED)
    return registration


@transaction.atomic
def delete(registration_pk, now=None):
    """ "Delete my data": the row goes; a place it held goes to the first in line."""
    now = now or utc_now()
    edition, registration = _locked(registration_pk)
    freed = registration.holds_place
    registration.delete()
    if freed:
        offer_next(edition, now)


def offer_next(edition, now, skip=None):
    """Free places go to the first in line, one offer per place, each valid for a set time.

    Call with the edition's row locked. Never "e-mail everyone": only as many offers as places.
    """
    from .tasks import lapse_offer_at

    line = Registration.objects.filter(edition=edition).waiting_in_line()
    if skip is not None:
        line = line.exclude(pk=skip.pk)
    for registration in line[: places_left(edition)]:
        registration.status = Status.OFFERED
        registration.offer_expires_at = now + timedelta(hours=edition.registration_offer_hours)
        registration.save()
        offers_before = registration.messages.filter(kind=emails.Kind.OFFERED).count()
        emails.queue(registration, emails.Kind.OFFERED, round=offers_before)
        lapse_offer_at(registration.pk, registration.offer_expires_at)


@transaction.atomic
def lapse_offer(registration_pk, now=None):
    """An offer unanswered in time passes to the next in line; the registrant leaves the list."""
    now = now or utc_now()
    edition, registration = _locked(registration_pk)
    if registration.status != Status.OFFERED or registration.offer_expires_at > now:
        return registration
    registration.status = Status.CANCELLED
    registration.offer_expires_at = None
    registration.save()
    offer_next(edition, now)
    return registration


def lapse_offers(now=None):
    """Every offer past its time, for the daily command (the deferred task does it on time)."""
    now = now or utc_now()
    pks = list(Registration.objects.lapsed_offers(now).values_list("pk", flat=True))
    for pk in pks:
        lapse_offer(pk, now)
    return len(pks)


@transaction.atomic
def notify_changes(edition_pk):
    """After an edition's date, time, place, format or status changed (its SEQUENCE went up).

    Approved registrants get "changed" with the new .ics; if the edition is cancelled, every
    active registrant gets "cancelled". Each registrant is told about each version once.
    """
    edition = Edition.objects.select_for_update().get(pk=edition_pk)
    if edition.is_cancelled:
        kind, told = emails.Kind.CANCELLED, Registration.objects.filter(status__in=ACTIVE)
    else:
        kind, told = emails.Kind.CHANGED, Registration.objects.filter(status=Status.APPROVED)
    stale = told.filter(edition=edition).exclude(sent_sequence=edition.sequence)
    for registration in stale.select_for_update():
        emails.queue(registration, kind)
        registration.sent_sequence = edition.sequence
        registration.save(update_fields=["sent_sequence"])


def send_reminders(now=None, ahead=timedelta(days=1)):
    """One reminder to each approved registrant, within `ahead` of the edition's start."""
    now = now or utc_now()
    soon = Edition.objects.going_ahead().filter(
        registration_mode=RegistrationMode.ON_SITE,
        start_date__lte=(now + ahead + timedelta(days=1)).date(),
        ends_at__gt=now,
    )
    sent = 0
    for edition in soon:
        if not now <= edition.local_start <= now + ahead:
            continue
        for registration in Registration.objects.filter(edition=edition, status=Status.APPROVED):
            sent += emails.queue(registration, emails.Kind.REMINDER)
    return sent
