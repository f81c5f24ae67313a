"""Anonymises registrants REGISTRATION_RETENTION_DAYS after their edition; on the way, passes
lapsed offers on and queues reminders for editions starting within a day.

Run it hourly (deploy/cmr-registrations.timer; deploy/serve.sh's hourly loop). Counts by
country and kind of organisation stay for the summary's key figures: the rows remain
with their country, kind and status, and lose name, e-mail, organisation and their answers
to the organisers' questions.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.timezone import now as utc_now

from common.privacy import forget_history
from registrations import flow, places, signals
from registrations.models import AnnouncementMessage, Answer, Decision, Registration


def anonymise(now=None):
    now = now or utc_now()
    cutoff = now - timedelta(days=settings.REGISTRATION_RETENTION_DAYS)
    due = Registration.objects.not_anonymised().filter(edition__ends_at__lte=cutoff)
    with transaction.atomic():
        pks = list(due.select_for_update().values_list("pk", flat=True))
        # Who was sent the organisers' messages would still say who registered.
        AnnouncementMessage.objects.filter(registration__in=due).delete()
        for pk in pks:
            Registration.objects.filter(pk=pk).update(
                name="", email=f"anonymised-{pk}@invalid", organisation="", anonymised_at=now
            )
        # Their answers, who decided what about them, and the admin's history (which named them), go too.
        Answer.objects.filter(registration_id__in=pks).delete()
        Decision.objects.filter(registration_id__in=pks).delete()
        forget_history(Registration, pks)
        # And what the apps above keep with them (registrations.signals names who listens).
        signals.anonymised.send(sender=Registration, pks=pks)
    return len(pks)


class Command(BaseCommand):
    help = "Anonymise registrants REGISTRATION_RETENTION_DAYS after their edition; pass lapsed offers on."

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true", help="Queue the work for db_worker instead.")

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            from registrations.tasks import retention

            retention.enqueue()
            self.stdout.write("Retention queued for the worker.")
            return
        lapsed = places.lapse_offers()
        reminded = flow.send_reminders()
        count = anonymise()
        self.stdout.write(
            f"{count} registrations anonymised, {lapsed} lapsed offers passed on, "
            f"{reminded} reminders queued."
        )
