"""Adds one clearly labelled sample upcoming edition, dated relative to today.

For trying things and for the tests: every real edition in fixtures/ is in
the past. `make run` serves the real archive only, so this is never run for
visitors; its text names no command, in case it is. It takes registrations on
the site (individual approval, 2 places, the "EU member states"), so anyone can
try the whole flow. `--remove` takes it away.
"""

from datetime import datetime, time, timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from common.timezones import zone
from events.models import (
    AgendaItem,
    Approval,
    CountryGroup,
    Edition,
    EditionHost,
    EditionSpeaker,
    Host,
    OrganisationKind,
    RegistrationMode,
    Series,
    Speaker,
)

DEMO_SLUG = "sample-edition-demo"
DEMO_HOST_SLUG = "sample-host-demo"
DEMO_SPEAKER_SLUGS = ["sample-speaker-one-demo", "sample-speaker-two-demo"]
ZONE = "Europe/Brussels"


class Command(BaseCommand):
    help = "Add (or with --remove, delete) a sample upcoming edition labelled as demo data."

    def add_arguments(self, parser):
        parser.add_argument("--remove", action="store_true", help="Delete the demo data instead.")

    @transaction.atomic
    def handle(self, *args, remove=False, **options):
        Edition.objects.filter(slug=DEMO_SLUG).delete()
        Host.objects.filter(slug=DEMO_HOST_SLUG).delete()
        Speaker.objects.filter(slug__in=DEMO_SPEAKER_SLUGS).delete()
        if remove:
            self.stdout.write("Demo data removed.")
            return

        today = timezone.now().astimezone(zone(ZONE)).date()
        start = today + timedelta(days=45)
        edition = Edition.objects.create(
            title="Sample edition (demo data, not a real event)",
            slug=DEMO_SLUG,
            series=Series.objects.get(slug="clusters-meet-regions"),
            status=Edition.Status.PUBLISHED,
            teaser="Sample data so that the upcoming page shows what an edition looks like.",
            description=(
                "**This is not a real event.** It is sample content that shows how an edition's page "
                "looks; its dates move with today's."
            ),
            city="Sample City",
            country="BE",
            venue_name="Sample venue",
            timezone=ZONE,
            start_date=start,
            end_date=start + timedelta(days=1),
            # Registration on this site, so anyone can try the whole flow (make run prints the e-mails).
            registration_mode=RegistrationMode.ON_SITE,
            registration_places=2,
            registration_approval=Approval.INDIVIDUAL,
            # Shipped by a data migration; should organisers have deleted it, the demo admits everyone.
            registration_group=CountryGroup.objects.filter(name="EU member states").first(),
            registration_deadline=datetime.combine(start - timedelta(days=7), time(18, 0), tzinfo=zone(ZONE)),
            expected_audience="Cluster organisations and regional policy makers (sample text).",
        )
        host = Host.objects.create(
            name="Sample host region (demo)", slug=DEMO_HOST_SLUG, kind=OrganisationKind.REGION
        )
        EditionHost.objects.create(edition=edition, host=host, role=EditionHost.Role.LEAD)
        speakers = [
            Speaker.objects.create(name=f"Sample speaker {n} (demo)", slug=slug, job_title="Sample role")
            for n, slug in enumerate(DEMO_SPEAKER_SLUGS, 1)
        ]
        for order, speaker in enumerate(speakers):
            EditionSpeaker.objects.create(edition=edition, speaker=speaker, order=order)
        sessions = [
            (start, time(9, 0), time(9, 30), "Welcome (sample session)", []),
            (
                start,
                time(9, 30),
                time(11, 0),
                "How clusters shape regional policy (sample session)",
                speakers,
            ),
            (start + timedelta(days=1), time(9, 0), time(12, 0), "Site visits (sample session)", []),
        ]
        for day, begins, ends, title, session_speakers in sessions:
            item = AgendaItem.objects.create(
                edition=edition, day=day, start_time=begins, end_time=ends, title=title
            )
            item.speakers.set(session_speakers)
        self.stdout.write(f"Demo edition added for {start:%d %B %Y}: {edition.get_absolute_url()}")
