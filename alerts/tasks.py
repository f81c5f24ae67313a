"""The alerts' queued work: each alert sent once with retries (mail.delivery), and an
edition's save noticed once committed. Thin: the rules are in flow.py, the e-mail in emails.py."""

from django_tasks import task

from mail import delivery

from . import emails, flow
from .models import Alert


@task()
def send_alert(alert_pk):
    return ALERTS.deliver(alert_pk)


ALERTS = delivery.register(send_alert, Alert.objects.select_related("subscription"), emails.build)


@task()
def edition_saved(edition_pk):
    flow.edition_saved(edition_pk)
