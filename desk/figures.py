"""The summary's key figures, computed from check-in and feedback once an edition is over.

The desk computes, the summary (events) stores and shows: events cannot read attendance or
feedback, which sit above it. Participants are the people checked in on at least one day; the
countries and kinds of organisation are theirs; satisfaction is the average overall rating of the
edition's feedback. Each computation is idempotent: a summary is saved only when a figure changed
(a save empties the page cache), and created only for an edition the site has figures for, so an
archive edition without check-in keeps no summary it did not have.
"""

from decimal import Decimal

from django.db import transaction
from django.db.models import Avg, Count, Exists, OuterRef, Q
from django.utils import timezone

from attendance.models import Attendance
from events.models import Edition, Summary
from feedback.models import Response
from registrations.models import Registration

FIGURES = ("site_participants", "site_countries", "site_kinds", "site_rating", "site_responses")


def attendees(editions):
    """The registrations of `editions` checked in on at least one day."""
    checked_in = Attendance.objects.filter(registration=OuterRef("pk"))
    return Registration.objects.filter(edition__in=editions).filter(Exists(checked_in))


def compute(edition):
    """The site's figures for one edition, as Summary's fields hold them (four queries)."""
    people = attendees([edition.pk]).order_by()
    totals = people.aggregate(participants=Count("pk"), countries=Count("country", distinct=True))
    kinds = dict(people.values("kind").annotate(count=Count("pk")).values_list("kind", "count"))
    ratings = Response.objects.filter(survey__edition=edition).aggregate(
        average=Avg("rating"), count=Count("pk")
    )
    average = ratings["average"]
    return {
        # None, not 0, where nobody was checked in: the site does not know, the edition may have
        # been registered elsewhere.
        "site_participants": totals["participants"] or None,
        "site_countries": totals["countries"] or None,
        "site_kinds": dict(sorted(kinds.items())),
        "site_rating": None if average is None else Decimal(average).quantize(Decimal("0.01")),
        "site_responses": ratings["count"],
    }


def refresh(edition, now=None):
    """Store the edition's figures in its summary once it is over; returns whether anything changed."""
    now = now or timezone.now()
    if not Edition.objects.filter(pk=edition.pk).past(now).exists():
        return False
    figures = compute(edition)
    with transaction.atomic():
        summary = Summary.objects.select_for_update().filter(edition=edition).first()
        if summary is None:
            if not (figures["site_participants"] or figures["site_responses"]):
                return False
            summary = Summary(edition=edition)
        elif all(getattr(summary, name) == value for name, value in figures.items()):
            # Nothing new to show: the time only, without a save, so the page cache stays.
            Summary.objects.filter(pk=summary.pk).update(figures_computed_at=now)
            return False
        for name, value in figures.items():
            setattr(summary, name, value)
        summary.figures_computed_at = now
        summary.save()
    return True


def due(now=None):
    """Editions over, with check-in or feedback the summary does not reflect yet: never computed, or
    checked in or answered since. What the hourly job refreshes; a deletion is caught by the signal."""
    now = now or timezone.now()
    registrations = Registration.objects.filter(edition=OuterRef("pk"))
    attended = Attendance.objects.filter(registration__edition=OuterRef("pk"))
    answered = Response.objects.filter(survey__edition=OuterRef("pk"))
    computed = OuterRef("summary__figures_computed_at")
    stale = (
        Q(summary__isnull=True)
        | Q(summary__figures_computed_at__isnull=True)
        | Exists(attended.filter(checked_in_at__gt=computed))
        | Exists(answered.filter(updated_at__gt=computed))
    )
    return (
        Edition.objects.past(now)
        .filter(Exists(registrations))
        .filter(Exists(attended) | Exists(answered))
        .filter(stale)
        .order_by("pk")
    )


def refresh_due(now=None):
    """Refresh every edition `due()`; returns how many summaries changed."""
    now = now or timezone.now()
    return sum(refresh(edition, now) for edition in due(now))
