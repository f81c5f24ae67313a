"""Places and the waiting line: who holds a place, who is offered a free one, and when an
offer lapses. The steps of flow.py use these with the edition's row locked (locked()).
"""

from collections import Counter
from datetime import timedelta

from django.db import transaction
from django.utils.timezone import now as utc_now
from django_tasks import default_task_backend, task

from events.models import Edition
from mail import delivery

from . import emails
from .models import SITE, Decision, Message, Registration

Status = Registration.Status


def locked(registration_pk):
    """The edition's row locked first (always in this order), then the registration's."""
    edition_pk = Registration.objects.values_list("edition_id", flat=True).get(pk=registration_pk)
    edition = Edition.objects.select_for_update().get(pk=edition_pk)
    registration = (
        Registration.objects.select_for_update(of=("self",)).select_related("edition").get(pk=registration_pk)
    )
    return edition, registration


def places_left(edition):
    return edition.places_not_held()


# The e-mail that tells a registrant of the status an action gave them.
TELLS = {
    Status.APPROVED: emails.Kind.APPROVED.value,
    Status.WAITING: emails.Kind.WAITING.value,
    Status.DECLINED: emails.Kind.DECLINED.value,
}


def put_in_line(rows, now, position):
    """Rows to the waiting list, a microsecond apart so that they keep the selection's order (who
    confirmed first); only that field varies from row to row, the rest is one plain UPDATE."""
    for number, row in enumerate(rows):
        row.status, row.offer_expires_at = Status.WAITING, None
        row.queued_at = now + timedelta(microseconds=position + number)
    Registration.objects.filter(pk__in=[row.pk for row in rows]).update(
        status=Status.WAITING, offer_expires_at=None
    )
    Registration.objects.bulk_update(rows, ["queued_at"])


def tell(rows):
    """Each row's e-mail about its new status, queued as emails.queue does (at most once per
    request, kind, edition version and round, in the same transaction), with one query to add them all."""
    sent = Message.objects.filter(registration__in=rows, round=0)
    told = set(sent.values_list("registration_id", "attempt", "kind", "sequence"))
    new = [
        Message(registration=row, attempt=row.attempt, kind=TELLS[row.status], sequence=row.edition.sequence)
        for row in rows
        if (row.pk, row.attempt, TELLS[row.status], row.edition.sequence) not in told
    ]
    for message in Message.objects.bulk_create(new):
        delivery.enqueue(message)
    return Counter(row.status for row in rows)


def release(rows, status, now, *, by, outcome=None, notify=False):
    """The rows leave with `status` (declined, cancelled) and no offer; a place one held goes to
    the first in line. Call with the editions' rows locked. `by` (an Actor) decided it, recorded
    as `outcome` (by default what the status says); `notify`: each is e-mailed (tell)."""
    freed = {row.edition_id: row.edition for row in rows if row.holds_place}
    for row in rows:
        row.status, row.offer_expires_at = status, None
    Registration.objects.filter(pk__in=[row.pk for row in rows]).update(status=status, offer_expires_at=None)
    Decision.objects.record(rows, by, now, outcome)
    changed = tell(rows) if notify else None
    for edition in freed.values():
        offer_next(edition, now)
    return changed


def offer_next(edition, now, skip=()):
    """Free places go to the first in line, one offer per place, each valid for a set time.

    Call with the edition's row locked. Never "e-mail everyone": only as many offers as places.
    """
    line = Registration.objects.filter(edition=edition).waiting_in_line()
    offered = list(line.exclude(pk__in=skip)[: places_left(edition)])
    for registration in offered:
        registration.edition = edition
        registration.status = Status.OFFERED
        registration.offer_expires_at = now + timedelta(hours=edition.registration_offer_hours)
        registration.save()
        offers_before = registration.messages.filter(kind=emails.Kind.OFFERED).count()
        emails.queue(registration, emails.Kind.OFFERED, round=offers_before)
        lapse_offer_at(registration.pk, registration.offer_expires_at)
    Decision.objects.record(offered, SITE, now)
    return offered


@transaction.atomic
def lapse_offer(registration_pk, now=None):
    """An offer unanswered in time passes to the next in line; the registrant leaves the list,
    and is told so."""
    now = now or utc_now()
    edition, registration = locked(registration_pk)
    if registration.status == Status.OFFERED and registration.offer_expires_at <= now:
        registration.edition = edition
        release([registration], Status.CANCELLED, now, by=SITE, outcome=Decision.Outcome.LAPSED)
        emails.queue(registration, emails.Kind.LAPSED)
    return registration


# The task beside the step it runs, not in tasks.py: offer_next() enqueues it, and the steps
# never import tasks.py (which imports them).
@task()
def lapse_offer_when_due(registration_pk):
    """Passes an offer on when its time is up; safe to run twice, or after the registrant left."""
    try:
        lapse_offer(registration_pk)
    except Registration.DoesNotExist:
        return "gone"  # deleted by its registrant meanwhile: nothing to pass on
    return "done"


def lapse_offer_at(registration_pk, when):
    """Passes an unanswered offer on when its time is up (the daily command catches any left)."""
    if default_task_backend.supports_defer:
        lapse_offer_when_due.using(run_after=when).enqueue(registration_pk)


def lapse_offers(now=None):
    """Every offer past its time, for the daily command (the deferred task does it on time)."""
    now = now or utc_now()
    pks = list(Registration.objects.lapsed_offers(now).values_list("pk", flat=True))
    for pk in pks:
        lapse_offer(pk, now)
    return len(pks)
