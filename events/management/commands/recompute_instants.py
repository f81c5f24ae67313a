"""Recomputes every edition's stored end instant (Edition.ends_at) from its dates, times and zone.

Run it after the time zone database (tzdata) is updated: a zone that changes
its offsets moves the instant its editions are over.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from events.caching import bump_revision
from events.models import Edition


class Command(BaseCommand):
    help = "Recompute when each edition is over, e.g. after a tzdata update changed a zone's offsets."

    @transaction.atomic
    def handle(self, *args, **options):
        changed = []
        editions = Edition.objects.only("end_date", "end_time", "timezone", "ends_at").select_for_update()
        for edition in editions:
            instant = edition.local_end
            if instant != edition.ends_at:
                edition.ends_at = instant
                changed.append(edition)
        Edition.objects.bulk_update(changed, ["ends_at"], batch_size=500)
        if changed:
            bump_revision(sender=Edition)  # bulk_update sends no signal
        self.stdout.write(f"{len(changed)} of {Edition.objects.count()} editions had a stale end instant.")
