"""Fills an empty database with a large synthetic archive, for `make bench` only.

Every object is labelled "Synthetic"; never run this against a real site.
"""

import random
from datetime import UTC, date, datetime, time, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from attendance.models import Attendance
from events.caching import bump_revision
from events.models import (
    AgendaItem,
    CountryGroup,
    Edition,
    EditionHost,
    EditionSpeaker,
    Host,
    OrganisationKind,
    Partner,
    Partnership,
    RegistrationMode,
    Series,
    Speaker,
    Summary,
)
from feedback.models import Response, Survey
from registrations.models import REGISTRANT_KINDS, Registration, RegistrationStatus

COUNTRIES = ["BE", "ES", "LT", "HR", "PL", "FR", "DE", "IT", "PT", "FI", "SK", "SE", "AT", "CZ", "GR"]
ZONES = ["Europe/Brussels", "Europe/Madrid", "Europe/Vilnius", "Europe/Zagreb", "Europe/Warsaw"]


class Command(BaseCommand):
    help = "Load a large synthetic archive into an empty database (benchmarks only)."

    def add_arguments(self, parser):
        parser.add_argument("--editions", type=int, default=1000)
        parser.add_argument("--hosts", type=int, default=300)
        parser.add_argument("--agenda-items", type=int, default=3000)
        parser.add_argument("--registrations", type=int, default=0, help="Spread over the past editions.")
        parser.add_argument("--today", type=date.fromisoformat, default=date.today())

    @transaction.atomic
    def handle(self, *, editions, hosts, agenda_items, registrations, today, **options):
        if Edition.objects.exists():
            raise CommandError("The database already has editions; loadbench only fills an empty one.")
        rng = random.Random(2024)  # noqa: S311 - repeatable synthetic data, not security
        series, _ = Series.objects.get_or_create(
            slug="clusters-meet-regions", defaults={"name": "Clusters meet Regions"}
        )
        host_objs = Host.objects.bulk_create(
            Host(name=f"Synthetic host region {n}", slug=f"synthetic-host-{n}", country=COUNTRIES[n % 15])
            for n in range(hosts)
        )
        partners = Partner.objects.bulk_create(
            Partner(name=f"Synthetic partner {n}", slug=f"synthetic-partner-{n}") for n in range(30)
        )
        speakers = Speaker.objects.bulk_create(
            Speaker(name=f"Synthetic speaker {n}", slug=f"synthetic-speaker-{n}", organisation="A cluster")
            for n in range(300)
        )
        edition_objs = []
        for n in range(editions):
            # Mostly past, a few upcoming: like a real series after some years.
            start = today + timedelta(days=(n - editions + 12) * 9)
            country = COUNTRIES[n % len(COUNTRIES)]
            edition_objs.append(
                Edition(
                    title=f"Synthetic edition {n}: City {n}",
                    slug=f"synthetic-{n}",
                    series=series,
                    status=Edition.Status.PUBLISHED,
                    teaser="A synthetic edition for the benchmark.",
                    description="Cluster organisations and regional policy makers meet. " * 20,
                    city=f"City {n}",
                    region=f"Region {n % 40}",
                    country=country,
                    timezone=ZONES[n % len(ZONES)],
                    start_date=start,
                    end_date=start + timedelta(days=1),
                    registration_url="https://example.org/register",
                )
            )
        for edition in edition_objs:
            edition.ends_at = edition.local_end  # bulk_create skips save(), which sets it
        edition_objs = Edition.objects.bulk_create(edition_objs)
        EditionHost.objects.bulk_create(
            EditionHost(edition=e, host=host_objs[n % hosts], order=0) for n, e in enumerate(edition_objs)
        )
        Partnership.objects.bulk_create(
            Partnership(edition=e, partner=partners[n % len(partners)], role="organiser")
            for n, e in enumerate(edition_objs)
        )
        EditionSpeaker.objects.bulk_create(
            EditionSpeaker(edition=e, speaker=speakers[(n + k) % len(speakers)], order=k)
            for n, e in enumerate(edition_objs)
            for k in range(3)
        )
        Summary.objects.bulk_create(
            Summary(edition=e, body="What happened.", participants=rng.randint(40, 200))
            for e in edition_objs
            if e.end_date < today
        )
        items = []
        for n in range(agenda_items):
            edition = edition_objs[n % editions]
            items.append(
                AgendaItem(
                    edition=edition,
                    day=edition.start_date,
                    start_time=time(9 + (n // editions) % 8),
                    title=f"Session {n}",
                )
            )
        AgendaItem.objects.bulk_create(items)
        self.open_registration(edition_objs, today)
        people = self.past_registrations(edition_objs, registrations, today, rng)
        bump_revision(sender=Edition)
        self.stdout.write(
            f"Loaded {editions} editions, {hosts} hosts, {agenda_items} agenda items, "
            f"{people} registrations of past editions with their attendance and feedback (synthetic)."
        )

    def past_registrations(self, editions, total, today, rng):
        """`total` registrations spread over the past editions, in every status, for the organisers'
        report: most of the approved checked in on one or both days, half of those rating the edition."""
        past = [e for e in editions if e.end_date < today]
        if not (total and past):
            return 0
        statuses = [RegistrationStatus.APPROVED] * 7 + [
            RegistrationStatus.DECLINED,
            RegistrationStatus.CANCELLED,
            RegistrationStatus.WAITING,
        ]
        made = Registration.objects.bulk_create(
            (
                Registration(
                    edition=past[n % len(past)],
                    name=f"Synthetic participant {n}",
                    email=f"participant-{n}@example.org",
                    organisation="A cluster",
                    country=COUNTRIES[rng.randrange(len(COUNTRIES))],
                    kind=REGISTRANT_KINDS[rng.randrange(len(REGISTRANT_KINDS))],
                    status=statuses[rng.randrange(len(statuses))],
                )
                for n in range(total)
            ),
            batch_size=5000,
        )
        surveys = {
            s.edition_id: s
            for s in Survey.objects.bulk_create(Survey(edition=e, closes_on=e.end_date) for e in past)
        }
        came = [r for r in made if r.status == RegistrationStatus.APPROVED and rng.random() < 0.8]
        Attendance.objects.bulk_create(
            (
                Attendance(registration=r, day=r.edition.start_date + timedelta(days=day))
                for r in came
                for day in range(rng.choice((1, 2)))
            ),
            batch_size=5000,
        )
        Response.objects.bulk_create(
            (
                Response(survey=surveys[r.edition_id], registration=r, rating=rng.randint(2, 5))
                for r in came
                if rng.random() < 0.5
            ),
            batch_size=5000,
        )
        return len(made)

    def open_registration(self, editions, today):
        """The next edition takes registrations on the site, from one group's countries, half full.

        Its register page is the one the benchmark loads: the page everyone opens
        at once when registration opens.
        """
        edition = min((e for e in editions if e.start_date > today), key=lambda e: e.start_date)
        # The group the data migration ships; the database is fresh, so it is there.
        edition.registration_group = CountryGroup.objects.get(name="EU member states")
        edition.registration_mode = RegistrationMode.ON_SITE
        edition.registration_url = ""
        edition.registration_places = 300
        edition.save()
        confirmed = datetime.combine(today, time(9), tzinfo=UTC)
        Registration.objects.bulk_create(
            Registration(
                edition=edition,
                name=f"Synthetic registrant {n}",
                email=f"registrant-{n}@example.org",
                organisation="A cluster",
                country=COUNTRIES[n % len(COUNTRIES)],
                kind=OrganisationKind.CLUSTER,
                status=RegistrationStatus.APPROVED,
                confirmed_at=confirmed,
            )
            for n in range(150)
        )
