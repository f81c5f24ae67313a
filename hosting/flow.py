"""An application's steps, each in one transaction with its e-mail queued: no step without its message."""

from django.db import transaction
from django.utils.timezone import now as utc_now

from . import calls, emails
from .models import Application


@transaction.atomic
def create(call, form, now=None):
    """A new application: stored with its letter, the address not yet confirmed, the link sent."""
    application = form.save(commit=False)
    application.call = call
    application.cut_off = calls.cut_off_for(call, now or utc_now())
    application.save()
    form.save_m2m()
    emails.queue(application, emails.Kind.CONFIRM)
    return application


@transaction.atomic
def confirm(application_pk, now=None):
    """The address is confirmed: the acknowledgement with the reference goes out, once."""
    application = Application.objects.select_for_update().get(pk=application_pk)
    if application.confirmed_at is None:
        application.confirmed_at = now or utc_now()
        application.save(update_fields=["confirmed_at"])
        emails.queue(application, emails.Kind.RECEIVED)
    return application
