"""The daily digest of what waits, queued hourly from DIGEST_HOUR (desk.digests).

Run it hourly with the other jobs (deploy/hourly.sh, deploy/cmr-registrations.service): the
first run from the set hour queues the day's digests, the later ones only a digest for someone
something has begun to wait for since.
"""

from django.core.management.base import BaseCommand

from desk.digests import queue_digests


class Command(BaseCommand):
    help = "Queue today's digest of what waits for each organiser and team member who has none yet."

    def handle(self, *args, **options):
        self.stdout.write(f"{queue_digests()} digest(s) queued.")
