"""Forgets what applicants sent once its purpose has ended (the privacy notice says so).

- An application whose address was never confirmed is deleted, letter and all, once its
  confirmation link has expired (CONFIRM_LINK_DAYS).
- HOSTING_RETENTION_DAYS after its call's last cut-off, an application loses its contact person,
  e-mail address and support letter; what the region proposed stays, as the call's record.

Run it hourly with registrations_retention and alerts_hourly (deploy/cmr-registrations.service,
deploy/hourly.sh).
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.timezone import now as utc_now

from common.privacy import forget_history
from events.models import CallForHosts
from hosting import calls
from hosting.models import Application


def forget_unconfirmed(now=None):
    now = now or utc_now()
    expired = now - timedelta(days=settings.CONFIRM_LINK_DAYS)
    stale = Application.objects.filter(confirmed_at__isnull=True, created_at__lte=expired)
    count = 0
    for application in stale:
        # One by one, so django-cleanup removes each letter once the deletion commits.
        pk = application.pk
        application.delete()
        forget_history(Application, [pk])
        count += 1
    return count


def erase_contacts(now=None):
    now = now or utc_now()
    erased = 0
    for call in calls.with_cut_offs(CallForHosts.objects.filter(applications__isnull=False).distinct()):
        last = calls.last_cut_off(call)
        if last is None or now < last + timedelta(days=settings.HOSTING_RETENTION_DAYS):
            continue
        with transaction.atomic():
            for application in call.applications.select_for_update().exclude(email__endswith="@invalid"):
                if application.support_letter:
                    application.support_letter.delete(save=False)
                application.contact_name = ""
                application.email = f"erased-{application.pk}@invalid"
                application.save(update_fields=["contact_name", "email", "support_letter"])
                forget_history(Application, [application.pk])
                erased += 1
    return erased


class Command(BaseCommand):
    help = (
        "Delete unconfirmed applications; erase applicants' contacts HOSTING_RETENTION_DAYS after the call."
    )

    def handle(self, *args, **options):
        deleted, erased = forget_unconfirmed(), erase_contacts()
        self.stdout.write(f"{deleted} unconfirmed application(s) deleted, {erased} contact(s) erased.")
