"""An application's steps, each in one transaction with its e-mail queued: no step without its message."""

import functools
from importlib import resources

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify
from django.utils.timezone import now as utc_now

from events.models import Edition, EditionHost, Host

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
    """The address is confirmed: the acknowledgement with the reference goes out, and the
    organisers hear of the application, once."""
    application = Application.objects.select_for_update().get(pk=application_pk)
    if application.confirmed_at is None:
        application.confirmed_at = now or utc_now()
        application.save(update_fields=["confirmed_at"])
        emails.queue(application, emails.Kind.RECEIVED)
        emails.queue_notices(application)
    return application


# The decisions that send their e-mail; "under review" is the organisers' own business.
DECISIONS = {
    Application.Status.SHORTLISTED: emails.Kind.SHORTLISTED,
    Application.Status.ACCEPTED: emails.Kind.ACCEPTED,
    Application.Status.DECLINED: emails.Kind.DECLINED,
}


@transaction.atomic
def decide(application_pk, status):
    """An organiser's decision: the new status, its e-mail (once), and on acceptance the draft edition."""
    application = (
        Application.objects.select_for_update().select_related("call__series").get(pk=application_pk)
    )
    application.status = status
    if status == Application.Status.ACCEPTED and application.edition_id is None:
        application.edition = draft_edition(application)
    application.save(update_fields=["status", "edition"])
    if status in DECISIONS:
        emails.queue(application, DECISIONS[status])
    return application


def _free_slug(model, base):
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base[:90]}-{n}"
    return slug


def draft_edition(application):
    """A draft edition prefilled from the application: host, place and its coordinates, dates, themes."""
    host = Host.objects.filter(name=application.organisation, country=application.country).first()
    if host is None:
        host = Host.objects.create(
            name=application.organisation,
            slug=_free_slug(Host, slugify(application.organisation)[:90] or "host"),
            kind=application.kind,
            country=application.country,
        )
    year = application.proposed_start.year
    edition = Edition(
        title=f"Clusters meet Regions: {application.city} {year}",
        slug=_free_slug(Edition, f"{slugify(application.city)[:80] or 'edition'}-{year}"),
        series=application.call.series,
        status=Edition.Status.DRAFT,
        city=application.city,
        region=application.region,
        country=application.country,
        timezone=country_timezone(application.country.code),
        start_date=application.proposed_start,
        end_date=application.proposed_end,
    )
    edition.locate()
    edition.save()
    edition.themes.set(application.themes.all())
    EditionHost.objects.create(edition=edition, host=host)
    return edition


@functools.cache
def _zones_by_country():
    """Each country's first zone in tzdata's zone.tab (its principal one: Europe/Madrid for Spain)."""
    zones = {}
    table = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text(encoding="utf-8")
    for line in table.splitlines():
        if line and not line.startswith("#"):
            code, _, name = line.split("\t")[:3]
            zones.setdefault(code, name)
    return zones


def country_timezone(code):
    return _zones_by_country().get(code, settings.TIME_ZONE)
