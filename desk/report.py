"""The organisers' report: the series in figures for a period or a series, from the data.

Every figure is an aggregate in SQL (Count and Avg grouped by status, edition, country or kind), so
the report asks the same few queries whatever the size of the archive (tests/desk/test_report.py
counts them; bench/ times them on 1,000 editions and 100,000 registrations). A host team's report
holds its own editions only: the scope starts from Edition.objects.managed_by(user), and the
form's period and series only narrow it.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Count, Exists, OuterRef, Q
from django.utils import timezone
from django_countries import countries as country_names

from attendance.models import Attendance
from events.models import Edition, EditionStatus, OrganisationKind
from feedback.models import Response
from registrations.models import Registration, RegistrationStatus

# A page shows this many of a table's rows by edition, the most recent; its CSV holds every one.
PAGE_ROWS = 40


@dataclass
class Table:
    """One table of the report: its CSV's name, caption, column headings and rows of cells;
    `by_edition`: a row per edition, oldest first, of which the page shows the latest."""

    slug: str
    caption: str
    headings: list
    rows: list = field(default_factory=list)
    by_edition: bool = False

    def __bool__(self):
        return bool(self.rows)

    @property
    def page_rows(self):
        return self.rows[-PAGE_ROWS:] if self.by_edition else self.rows

    @property
    def left_off(self):
        """How many rows only the CSV holds."""
        return len(self.rows) - len(self.page_rows)


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
    def no_show_percent(self):
        rate = self.no_show_rate
        return None if rate is None else round(100 * rate, 1)

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


def _most_first(item):
    return -item[1], item[0]


def _rate(part, whole):
    return round(100 * part / whole, 1) if whole else None


def build(editions, now=None):
    """The report on `editions` (a queryset), in five queries: two scans of the registrations
    (by edition and status, and the people checked in by country and kind), whatever the size."""
    now = now or timezone.now()
    registrations = Registration.objects.filter(edition__in=editions).order_by()
    checked_in = Q(Exists(Attendance.objects.filter(registration=OuterRef("pk"))))

    going_ahead = editions.exclude(status__in=[EditionStatus.DRAFT, EditionStatus.CANCELLED])
    held = going_ahead.filter(ends_at__lte=now).order_by().count()
    past = (
        editions.filter(ends_at__lte=now)
        .order_by("start_date", "title")
        .values_list("pk", "title", "start_date")
    )

    counts = registrations.values("edition_id", "status").annotate(
        n=Count("pk"), attended=Count("pk", filter=checked_in)
    )
    statuses, approved = {}, {}
    for row in counts:
        statuses[row["status"]] = statuses.get(row["status"], 0) + row["n"]
        if row["status"] == RegistrationStatus.APPROVED:
            approved[row["edition_id"]] = (row["n"], row["attended"])
    by_status = Table(
        "registrations-by-status",
        "Registrations by status",
        ["Status", "Registrations"],
        [[label, statuses[value]] for value, label in RegistrationStatus.choices if statuses.get(value)],
    )

    # Past editions only: an edition still to come has no one who failed to come yet.
    attendance = Table(
        "attendance",
        "Attendance of past editions (approved registrants)",
        ["Edition", "Date", "Approved", "Checked in", "No-shows", "No-show rate (%)"],
        by_edition=True,
    )
    approved_past = no_shows = 0
    for pk, title, start_date in past:
        if pk not in approved:
            continue
        total, came = approved[pk]
        missing = total - came
        approved_past += total
        no_shows += missing
        attendance.rows.append([title, start_date, total, came, missing, _rate(missing, total)])

    people = registrations.filter(checked_in).values("country", "kind").annotate(n=Count("pk"))
    countries, kinds = {}, {}
    for row in people:
        countries[row["country"]] = countries.get(row["country"], 0) + row["n"]
        kinds[row["kind"]] = kinds.get(row["kind"], 0) + row["n"]
    by_country = Table(
        "participants-by-country",
        "Participants by country",
        ["Country", "Code", "Participants"],
        [[country_names.name(code), code, n] for code, n in sorted(countries.items(), key=_most_first)],
    )
    kind_labels = dict(OrganisationKind.choices)
    by_kind = Table(
        "participants-by-kind",
        "Participants by kind of organisation",
        ["Kind of organisation", "Participants"],
        [[kind_labels.get(kind, kind), n] for kind, n in sorted(kinds.items(), key=_most_first)],
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
                Decimal(row["average"]).quantize(Decimal("0.01")),
            ]
            for row in ratings
        ],
        by_edition=True,
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
