"""Calendar downloads and subscribable feeds."""

import hashlib

from django.conf import settings
from django.db.models import Count, Max
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import condition, require_safe

from . import ics
from .models import Edition, Series

FEED_NAME = "Clusters meet Regions"
FEED_DESCRIPTION = (
    "Workshops of the European Cluster Collaboration Platform, bringing clusters and regions together."
)


def calendar_response(calendar, filename, *, download):
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def public_editions():
    return Edition.objects.published().select_related("series").prefetch_related("themes")


@require_safe
def edition_ics(request, slug):
    edition = get_object_or_404(public_editions(), slug=slug)
    calendar = ics.calendar_for_editions([edition], site_url=settings.SITE_URL, stamp=timezone.now())
    return calendar_response(calendar, f"{edition.slug}.ics", download=True)


@require_safe
def agenda_ics(request, slug):
    edition = get_object_or_404(public_editions().prefetch_related("agenda_items__speakers"), slug=slug)
    if not edition.agenda_items.all():
        raise Http404("This edition has no agenda yet.")
    calendar = ics.calendar_for_agenda(edition, site_url=settings.SITE_URL, stamp=timezone.now())
    return calendar_response(calendar, f"{edition.slug}-agenda.ics", download=True)


# Feeds answer conditional requests so that calendar clients polling every few
# hours cost one aggregate query when nothing changed.


def _feed_editions(slug=None):
    editions = Edition.objects.published()
    return editions.filter(series__slug=slug) if slug else editions


def _feed_state(slug=None):
    return _feed_editions(slug).aggregate(count=Count("pk"), changed=Max("updated_at"), seq=Max("sequence"))


def feed_etag(request, slug=None):
    state = _feed_state(slug)
    key = f"{settings.SITE_URL}|{slug}|{state['count']}|{state['changed']}|{state['seq']}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def feed_last_modified(request, slug=None):
    return _feed_state(slug)["changed"]


@require_safe
@condition(etag_func=feed_etag, last_modified_func=feed_last_modified)
def feed_ics(request):
    calendar = ics.calendar_for_editions(
        public_editions().order_by("start_date", "pk"),
        site_url=settings.SITE_URL,
        stamp=timezone.now(),
        name=FEED_NAME,
        description=FEED_DESCRIPTION,
    )
    return calendar_response(calendar, "clusters-meet-regions.ics", download=False)


@require_safe
@condition(etag_func=feed_etag, last_modified_func=feed_last_modified)
def series_feed_ics(request, slug):
    series = get_object_or_404(Series, slug=slug)
    calendar = ics.calendar_for_editions(
        public_editions().filter(series=series).order_by("start_date", "pk"),
        site_url=settings.SITE_URL,
        stamp=timezone.now(),
        name=series.name,
        description=series.description.split("\n\n")[0] if series.description else FEED_DESCRIPTION,
    )
    return calendar_response(calendar, f"{series.slug}.ics", download=False)


def calendar_help(request):
    return render(request, "events/calendar_help.html", {"feed_name": FEED_NAME})
