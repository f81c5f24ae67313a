"""Check-in, its undo and walk-ins. Twice is the same as once: a double tap, two phones scanning
the same code, or a page sent again by the browser all leave one row (the constraint says so too).
"""

from django.db import IntegrityError, transaction
from django.utils.timezone import now as utc_now

from events.models import Edition
from registrations.models import Actor, Decision, Registration

from .models import Attendance

CHECK_IN_PERMISSION = "attendance.add_attendance"
UNDO_PERMISSION = "attendance.delete_attendance"


class AlreadyRegistered(Exception):
    """A walk-in's address already has a registration for the edition: check that one in instead."""

    def __init__(self, registration):
        super().__init__(registration.pk)
        self.registration = registration


def venue_today(edition, now=None):
    """Today as the venue's calendar says it: a check-in at 00:30 in Lisbon is on Lisbon's day."""
    return (now or utc_now()).astimezone(edition.tz).date()


def day_to_check_in(edition, now=None):
    """Today if it is one of the edition's days, else None (before or after the edition)."""
    today = venue_today(edition, now)
    return today if today in edition.days else None


def runs_check_in(user, edition):
    """Organisers, and the edition's own team, with the permission to check people in."""
    runs = Edition.objects.managed_by(user).filter(pk=edition.pk)
    return user.has_perm(CHECK_IN_PERMISSION) and runs.exists()


def check_in(registration, day, *, by):
    """Records `registration` present on `day`; an attendance already there is kept as it was."""
    attendance, _ = Attendance.objects.get_or_create(
        registration=registration, day=day, defaults={"checked_in_by": by}
    )
    return attendance


def undo(registration, day):
    Attendance.objects.filter(registration=registration, day=day).delete()


@transaction.atomic
def walk_in(edition, day, *, by, now=None, **details):
    """Someone came without registering: an approved registration marked as a walk-in, checked in
    for `day`. Over the places if need be: the room decides, and the count says so. Raises
    AlreadyRegistered when the address has a registration for the edition."""
    now = now or utc_now()
    known = Registration.objects.filter(edition=edition, email=details["email"]).first()
    if known:
        raise AlreadyRegistered(known)
    try:
        # A savepoint: on PostgreSQL a failed INSERT would otherwise spoil the whole transaction.
        with transaction.atomic():
            registration = Registration.objects.create(
                edition=edition,
                status=Registration.Status.APPROVED,
                walked_in=True,
                confirmed_at=now,
                **details,
            )
    except IntegrityError:
        # Another phone added the same address a moment ago.
        raise AlreadyRegistered(Registration.objects.get(edition=edition, email=details["email"])) from None
    Decision.objects.record([registration], Actor.staff(by), now)
    check_in(registration, day, by=by)
    return registration
