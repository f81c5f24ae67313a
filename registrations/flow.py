"""Every change of a registration's status, each in one transaction that locks the edition's row.

Places are allocated only here, and only while holding that lock (select_for_update), so two
requests for the last place are served one after the other and places are never exceeded.
Each change queues its e-mail in the same transaction: no status without its message.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils.timezone import now as utc_now

from common.privacy import forget_history
from common.tokens import new_link_key
from events.models import Edition, RegistrationMode
from mail.models import RESEND_AFTER

from . import emails, places
from .answers import record as record_answers
from .models import ACTIVE, REGISTRANT, SITE, Decision, Registration

Status = Registration.Status


class RegistrationClosed(Exception):
    """The edition no longer takes registrations: cancelled, postponed, over or past its deadline."""


@transaction.atomic
def create(edition, answers=(), **fields):
    """A new request: stored unconfirmed with its answers, with the confirmation e-mail queued."""
    registration = Registration.objects.create(edition=edition, **fields)
    record_answers(registration, answers)
    emails.queue(registration, emails.Kind.CONFIRM)
    return registration


# A request whose confirm link has lapsed unused, or that the registrant cancelled: asking again
# starts afresh. An unconfirmed request whose link still works is only sent that link again:
# anyone may type an address in the form, and only its owner may change what it asks for. A
# declined request stays declined (the organisers' decision): asking again sends the link to its
# page, which says so.
UNCONFIRMED_OR_CANCELLED = (Status.UNCONFIRMED, Status.CANCELLED)


def _starts_afresh(registration, now):
    if registration.status == Status.CANCELLED:
        return True
    link_lapsed = registration.created_at <= now - timedelta(days=settings.CONFIRM_LINK_DAYS)
    return registration.status == Status.UNCONFIRMED and link_lapsed


@transaction.atomic
def request_place(edition, *, email, answers=(), now=None, **fields):
    """Someone asks for a place; the page answers "check your inbox" whatever happens here.

    A new address is stored unconfirmed and sent its confirmation. An unconfirmed request whose
    link still works is sent its confirmation again, its details untouched. One whose link has
    lapsed, or a cancelled one, starts afresh on its row (the new details and answers, unconfirmed,
    a new link key so that every older link is dead) with a new confirmation. A request that
    stands is left as it is, answers too, and its address alone is sent the link to its page: so
    the answer tells nobody who has registered. The edition's row is locked first, as every step
    does, so identical requests at once are served one after the other: one row and one e-mail,
    never an IntegrityError.
    """
    now = now or utc_now()
    edition = Edition.objects.select_for_update().get(pk=edition.pk)
    registration = Registration.objects.select_for_update().filter(edition=edition, email=email).first()
    if registration is None:
        return create(edition, answers, email=email, **fields)
    kind = emails.Kind.CONFIRM if registration.status in UNCONFIRMED_OR_CANCELLED else emails.Kind.LINK
    sent = registration.messages.filter(kind=kind)
    if sent.filter(created_at__gt=now - RESEND_AFTER).exists():
        return registration
    if _starts_afresh(registration, now):
        for field_name, value in fields.items():
            setattr(registration, field_name, value)
        registration.status = Status.UNCONFIRMED
        registration.link_key = new_link_key()
        registration.created_at = now
        registration.confirmed_at = registration.queued_at = registration.offer_expires_at = None
        registration.sent_sequence = None
        # A new request: its status e-mails are sent again, its calendar entry is a newer one.
        registration.attempt += 1
        registration.save()
        record_answers(registration, answers)
    # Each e-mail of the kind is a round of its own (the once-only constraint counts them).
    emails.queue(registration, kind, round=sent.count())
    return registration


@transaction.atomic
def confirm(registration_pk, now=None):
    """The address is confirmed: approved while places last, or pending, or in line."""
    now = now or utc_now()
    edition, registration = places.locked(registration_pk)
    if registration.status != Status.UNCONFIRMED:
        return registration
    if not edition.registration_is_open(now):
        # Asked for while it was open, confirmed after: no place in an edition that is gone.
        raise RegistrationClosed
    registration.confirmed_at = now
    if edition.needs_approval:
        registration.status = Status.PENDING
        registration.save()
        emails.queue(registration, emails.Kind.RECEIVED)
    else:
        _admit_or_queue(edition, registration, now)
    return registration


def _admit_or_queue(edition, registration, now):
    if places.places_left(edition) > 0:
        registration.status = Status.APPROVED
        registration.sent_sequence = edition.sequence
        registration.save()
        emails.queue(registration, emails.Kind.APPROVED)
    else:
        registration.status = Status.WAITING
        registration.queued_at = now
        registration.save()
        emails.queue(registration, emails.Kind.WAITING)
    Decision.objects.record([registration], SITE, now)


# The organisers' steps take `by`, the staff member's Actor (models.Actor.staff(user)), which the
# registration's history records with each change.


def approve(registration_pk, *, by, now=None):
    """An organiser approves: a place if one is left, else the waiting list, in order."""
    approve_many([registration_pk], by=by, now=now)
    return Registration.objects.get(pk=registration_pk)


def move_to_waiting_list(registration_pk, *, by, now=None):
    move_many_to_waiting_list([registration_pk], by=by, now=now)
    return Registration.objects.get(pk=registration_pk)


def decline(registration_pk, *, by, now=None):
    decline_many([registration_pk], by=by, now=now)
    return Registration.objects.get(pk=registration_pk)


# What each organiser's action may change; a row in any other status is left as it is.
APPROVABLE = (Status.PENDING, Status.DECLINED)
MOVABLE = (Status.PENDING, Status.APPROVED, Status.OFFERED)
DECLINABLE = (Status.PENDING, Status.APPROVED, Status.WAITING, Status.OFFERED)
# An action on a selection runs this many rows per transaction, with a handful of queries per
# chunk and one per e-mail: 5,000 rows finish within the request, and the edition's lock is
# never held for long.
CHUNK = 500


@dataclass
class Outcome:
    """What an action on a selection did: rows reached so far, and how many went to each status."""

    selected: int
    reached: int = 0
    changed: Counter = field(default_factory=Counter)

    @property
    def unchanged(self):
        return self.reached - sum(self.changed.values())


class StoppedPartway(Exception):
    """A chunk failed: `outcome` is what the chunks before it did (committed); the rest is untouched."""

    def __init__(self, outcome):
        super().__init__(f"stopped after {outcome.reached} of {outcome.selected}")
        self.outcome = outcome


def approve_many(pks, *, by, now=None):
    """Approves the selection in its order: places while any is left, then the waiting list."""
    return _in_chunks(pks, _approve_chunk, now, by)


def move_many_to_waiting_list(pks, *, by, now=None):
    return _in_chunks(pks, _move_chunk, now, by)


def decline_many(pks, *, by, now=None):
    return _in_chunks(pks, _decline_chunk, now, by)


def _in_chunks(pks, change, now, by):
    now = now or utc_now()
    pks = list(pks)
    outcome = Outcome(selected=len(pks))
    for start in range(0, len(pks), CHUNK):
        chunk = pks[start : start + CHUNK]
        try:
            with transaction.atomic():
                changed = change(chunk, now, start, by)
        except Exception as error:
            # Never halfway in silence: the caller learns how far it got, and why it stopped.
            raise StoppedPartway(outcome) from error
        outcome.reached += len(chunk)
        outcome.changed += changed
    return outcome


def _locked_chunk(pks, statuses):
    """The rows' editions locked first (in pk order, as everywhere), then the rows in `statuses`,
    in the order of confirmation."""
    edition_pks = Registration.objects.filter(pk__in=pks).values("edition_id")
    editions = Edition.objects.select_for_update().filter(pk__in=edition_pks).order_by("pk")
    editions = {edition.pk: edition for edition in editions}
    rows = list(
        Registration.objects.select_for_update(of=("self",))
        .filter(pk__in=pks, status__in=statuses)
        .order_by("confirmed_at", "pk")
    )
    for row in rows:
        row.edition = editions[row.edition_id]
    return rows


def _approve_chunk(pks, now, position, by):
    rows = _locked_chunk(pks, APPROVABLE)
    left = {}
    admitted, waiting = [], []
    for row in rows:
        edition = row.edition
        if edition.pk not in left:
            left[edition.pk] = places.places_left(edition)
        if left[edition.pk] > 0:
            left[edition.pk] -= 1
            row.status, row.sent_sequence = Status.APPROVED, edition.sequence
            admitted.append(row)
        else:
            waiting.append(row)
    for edition in {row.edition_id: row.edition for row in admitted}.values():
        here = [row.pk for row in admitted if row.edition_id == edition.pk]
        admit = Registration.objects.filter(pk__in=here)
        admit.update(status=Status.APPROVED, sent_sequence=edition.sequence)
    places.put_in_line(waiting, now, position)
    Decision.objects.record(rows, by, now)
    return places.tell(rows)


def _move_chunk(pks, now, position, by):
    rows = _locked_chunk(pks, MOVABLE)
    freed = {row.edition_id: row.edition for row in rows if row.holds_place}
    places.put_in_line(rows, now, position)
    Decision.objects.record(rows, by, now)
    changed = places.tell(rows)
    for edition in freed.values():
        # Not back to those just moved: their places go to those in line before them.
        places.offer_next(edition, now, skip=[row.pk for row in rows])
    return changed


def _decline_chunk(pks, now, position, by):
    return places.release(_locked_chunk(pks, DECLINABLE), Status.DECLINED, now, by=by, notify=True)


@transaction.atomic
def cancel(registration_pk, now=None):
    """The registrant cancels: told so by e-mail (which takes the entry out of their calendar if
    they had one), and a place they held goes to the first in line."""
    edition, registration = places.locked(registration_pk)
    if registration.may_cancel:
        registration.edition = edition
        places.release([registration], Status.CANCELLED, now or utc_now(), by=REGISTRANT)
        emails.queue(registration, emails.Kind.WITHDRAWN)
    return registration


@transaction.atomic
def accept_offer(registration_pk, now=None):
    """Taking an offered place before it lapses; afterwards the place has passed on."""
    now = now or utc_now()
    edition, registration = places.locked(registration_pk)
    if not registration.offer_is_open(now):
        return registration
    registration.status = Status.APPROVED
    registration.offer_expires_at = None
    registration.sent_sequence = edition.sequence
    registration.save()
    emails.queue(registration, emails.Kind.APPROVED)
    Decision.objects.record([registration], REGISTRANT, now)
    return registration


@transaction.atomic
def offer_free_places(edition_pk, now=None):
    """After the edition's places were raised: the new ones go to those waiting, in line, at once
    (places.offer_next), as a freed place does; a newcomer cannot take them first. Returns how
    many were offered."""
    edition = Edition.objects.select_for_update().get(pk=edition_pk)
    if not edition.registers_on_site:
        return 0
    return len(places.offer_next(edition, now or utc_now()))


@transaction.atomic
def delete(registration_pk, now=None):
    """ "Delete my data": the row goes; a place it held goes to the first in line."""
    now = now or utc_now()
    edition, registration = places.locked(registration_pk)
    freed = registration.holds_place
    registration.delete()
    forget_history(Registration, [registration_pk])
    if freed:
        places.offer_next(edition, now)


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
