"""Calendar downloads and subscribable feeds.

Like every public page they are served from the page cache, which also
answers conditional requests (ETag, Last-Modified) for them. Their content
depends on the data alone: DTSTAMP is the time of the newest change to what
the calendar holds, not the time it was rendered, so the ETag a calendar app
keeps stays valid until something changes.
"""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from .. import ics
from ..models import Edition, Series

FEED_NAME = "Clusters meet Regions"
FEED_DESCRIPTION = (
    "Workshops of the European Cluster Collaboration Platform, bringing clusters and regions together."
)


def calendar_response(calendar, filename, *, download):
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def edition_ics(request, slug):
    edition = get_object_or_404(Edition.objects.published().for_calendar(), slug=slug)
    calendar = ics.calendar_for_editions([edition], site_url=settings.SITE_URL, stamp=edition.updated_at)
    return calendar_response(calendar, f"{edition.slug}.ics", download=True)


def agenda_ics(request, slug):
    edition = get_object_or_404(
        Edition.objects.published().for_calendar().prefetch_related("agenda_items__speakers"), slug=slug
    )
    if not edition.agenda_items.all():
        raise Http404("This edition has no agenda yet.")
    calendar = ics.calendar_for_agenda(edition, site_url=settings.SITE_URL, stamp=edition.updated_at)
    return calendar_response(calendar, f"{edition.slug}-agenda.ics", download=True)


def _feed(editions, *, name, description, filename):
    editions = list(editions.for_calendar().order_by("start_date", "pk"))
    calendar = ics.calendar_for_editions(
        editions,
        site_url=settings.SITE_URL,
        stamp=max((e.updated_at for e in editions), default=None),
        name=name,
        description=description,
    )
    return calendar_response(calendar, filename, download=False)


def feed_ics(request):
    return _feed(
        Edition.objects.published(),
        name=FEED_NAME,
        description=FEED_DESCRIPTION,
        filename="clusters-meet-regions.ics",
    )


def series_feed_ics(request, slug):
    series = get_object_or_404(Series, slug=slug)
    return _feed(
        Edition.objects.published().filter(series=series),
        name=series.name,
        description=series.description.split("\n\n")[0] if series.description else FEED_DESCRIPTION,
        filename=f"{series.slug}.ics",
    )


def calendar_help(request):
    return render(request, "events/calendar_help.html", {"feed_name": FEED_NAME})
