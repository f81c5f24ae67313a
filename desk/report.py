"""The organisers' report: the series in figures for a period or a series, from the data.

Every figure is an aggregate in SQL (Count and Avg grouped by status, edition, country or kind), so
the report asks the same few queries whatever the size of the archive (tests/desk/test_report.py
counts them; bench/ times them on 1,000 editions and 100,000 registrations). A host team's report
holds its own editions only: the scope starts from Edition.objects.managed_by(user), and the
form's period and series only narrow it.
"""

from dataclasses import dataclass, field

from django.db.models import Avg, Count, Exists, OuterRef, Q
from django.utils import timezone
from django_countries import countries as country_names

from attendance.models import Attendance
from events.models import Edition, EditionStatus, OrganisationKind
from feedback.models import Response
from registrations.models import Registration, RegistrationStatus


@dataclass
class Table:
    """One table of the report: its CSV's name, caption, column headings and rows of cells."""

    slug: str
    caption: str
    headings: list
    rows: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.rows)


@dataclass
class Report:
    editions_held: int
    registrations: int
    participants: int
    approved_past: int
    no_shows: int
    by_status: Table
    attendance: Table
    by_country: Table
    by_kind: Table
    satisfaction: Table

    @property
    def no_show_rate(self):
        """The share of approved registrants of past editions who were never checked in, or None."""
        return self.no_shows / self.approved_past if self.approved_past else None

    @property
    def tables(self):
        return [self.by_status, self.attendance, self.by_country, self.by_kind, self.satisfaction]

    def table(self, slug):
        return next((t for t in self.tables if t.slug == slug), None)


TABLE_SLUGS = (
    "registrations-by-status",
    "attendance",
    "participants-by-country",
    "participants-by-kind",
    "satisfaction",
)


def scope(user, *, start=None, end=None, series=None):
    """The editions the report covers: those the user runs, within the period and series chosen."""
    editions = Edition.objects.managed_by(user)
    if start:
        editions = editions.filter(start_date__gte=start)
    if end:
        editions = editions.filter(start_date__lte=end)
    if series:
        editions = editions.filter(series=series)
    return editions


def _rate(part, whole):
    return round(100 * part / whole, 1) if whole else None


def build(editions, now=None):
    """The report on `editions` (a queryset), in six queries."""
    now = now or timezone.now()
    past = editions.filter(ends_at__lte=now)
    registrations = Registration.objects.filter(edition__in=editions).order_by()
    checked_in = Exists(Attendance.objects.filter(registration=OuterRef("pk")))

    held = past.exclude(status__in=[EditionStatus.DRAFT, EditionStatus.CANCELLED]).order_by().count()

    statuses = dict(registrations.values("status").annotate(n=Count("pk")).values_list("status", "n"))
    by_status = Table(
        "registrations-by-status",
        "Registrations by status",
        ["Status", "Registrations"],
        [[label, statuses[value]] for value, label in RegistrationStatus.choices if statuses.get(value)],
    )

    # Past editions only: an edition still to come has no one who failed to come yet.
    per_edition = (
        Registration.objects.filter(edition__in=past, status=RegistrationStatus.APPROVED)
        .annotate(came=checked_in)
        .values("edition_id", "edition__title", "edition__start_date")
        .annotate(approved=Count("pk"), attended=Count("pk", filter=Q(came=True)))
        .order_by("edition__start_date", "edition__title")
    )
    attendance = Table(
        "attendance",
        "Attendance of past editions (approved registrants)",
        ["Edition", "Date", "Approved", "Checked in", "No-shows", "No-show rate (%)"],
    )
    approved_past = no_shows = 0
    for row in per_edition:
        missing = row["approved"] - row["attended"]
        approved_past += row["approved"]
        no_shows += missing
        attendance.rows.append(
            [
                row["edition__title"],
                row["edition__start_date"],
                row["approved"],
                row["attended"],
                missing,
                _rate(missing, row["approved"]),
            ]
        )

    people = registrations.filter(checked_in)
    countries = people.values("country").annotate(n=Count("pk")).order_by("-n", "country")
    by_country = Table(
        "participants-by-country",
        "Participants by country",
        ["Country", "Code", "Participants"],
        [[country_names.name(row["country"]), row["country"], row["n"]] for row in countries],
    )
    kind_labels = dict(OrganisationKind.choices)
    kinds = people.values("kind").annotate(n=Count("pk")).order_by("-n", "kind")
    by_kind = Table(
        "participants-by-kind",
        "Participants by kind of organisation",
        ["Kind of organisation", "Participants"],
        [[kind_labels.get(row["kind"], row["kind"]), row["n"]] for row in kinds],
    )

    ratings = (
        Response.objects.filter(survey__edition__in=editions)
        .values("survey__edition__title", "survey__edition__start_date")
        .annotate(responses=Count("pk"), average=Avg("rating"))
        .order_by("survey__edition__start_date", "survey__edition__title")
    )
    satisfaction = Table(
        "satisfaction",
        "Satisfaction by edition (overall rating, 1 to 5)",
        ["Edition", "Date", "Responses", "Average rating"],
        [
            [
                row["survey__edition__title"],
                row["survey__edition__start_date"],
                row["responses"],
                round(row["average"], 2),
            ]
            for row in ratings
        ],
    )
    return Report(
        editions_held=held,
        registrations=sum(statuses.values()),
        participants=sum(row[-1] for row in by_country.rows),
        approved_past=approved_past,
        no_shows=no_shows,
        by_status=by_status,
        attendance=attendance,
        by_country=by_country,
        by_kind=by_kind,
        satisfaction=satisfaction,
    )
