"""The alerts' hourly job: what happens with time rather than with a save, and what is forgotten.

- An edition's registration opening and a call for hosts opening are noticed (alerts.flow.scan).
- A subscription never confirmed is deleted once its link has expired (CONFIRM_LINK_DAYS).

Run it hourly with registrations_retention and hosting_retention (deploy/cmr-registrations.service,
deploy/hourly.sh).
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.timezone import now as utc_now

from alerts import flow
from alerts.models import Subscription


def forget_unconfirmed_subscriptions(now=None):
    expired = (now or utc_now()) - timedelta(days=settings.CONFIRM_LINK_DAYS)
    deleted, _ = Subscription.objects.filter(confirmed_at__isnull=True, created_at__lte=expired).delete()
    return deleted


class Command(BaseCommand):
    help = "Queue the alerts that time brings (registration, calls opening); forget unconfirmed addresses."

    def handle(self, *args, **options):
        forgotten, alerted = forget_unconfirmed_subscriptions(), flow.scan()
        self.stdout.write(f"{forgotten} unconfirmed subscription row(s) deleted, {alerted} alert(s) queued.")
