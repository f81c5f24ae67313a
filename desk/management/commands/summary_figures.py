"""The summaries' key figures from check-in and feedback, for editions over (desk.figures).

Run hourly with the other jobs (deploy/hourly.sh, deploy/cmr-registrations.service): an edition's
figures are computed the first run after it ends, and again when check-in or feedback changed.
"""

from django.core.management.base import BaseCommand

from desk.figures import refresh_due


class Command(BaseCommand):
    help = "Store the summaries' figures of editions over whose check-in or feedback changed."

    def handle(self, *args, **options):
        self.stdout.write(f"{refresh_due()} summary figure(s) updated.")
