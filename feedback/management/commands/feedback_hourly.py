"""Queues the feedback invitations that are due: the day after an edition's end, in its venue's zone.

Run it hourly with registrations_retention (deploy/cmr-registrations.service, deploy/hourly.sh).
"""

from django.core.management.base import BaseCommand

from feedback.invitations import invite_all


class Command(BaseCommand):
    help = "Queue the invitations to answer a feedback survey, the day after each edition's end."

    def handle(self, *args, **options):
        queued = invite_all()
        self.stdout.write(f"{queued} feedback invitation(s) queued.")
