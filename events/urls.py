from django.urls import path
from django.views.decorators.http import require_safe

from . import calendar_views, open_data, views
from .caching import cached_page
from .feeds import EditionsFeed

app_name = "events"


def public(view):
    """Read-only (GET and HEAD; anything else is 405) and served from the page cache."""
    return require_safe(cached_page(view))


urlpatterns = [
    path("", public(views.upcoming), name="upcoming"),
    path("editions/", public(views.archive), name="archive"),
    path("editions/<slug:slug>/", public(views.edition_detail), name="edition-detail"),
    path("editions/<slug:slug>/summary/", public(views.summary_detail), name="summary-detail"),
    path("series/<slug:slug>/", public(views.series_detail), name="series-detail"),
    path("editions.json", public(open_data.editions_json), name="editions-json"),
    path("editions.csv", public(open_data.editions_csv), name="editions-csv"),
    path("hosts/", public(views.host_list), name="host-list"),
    path("hosts/<slug:slug>/", public(views.host_detail), name="host-detail"),
    path("partners/<slug:slug>/", public(views.partner_detail), name="partner-detail"),
    path("speakers/<slug:slug>/", public(views.speaker_detail), name="speaker-detail"),
    path("calendar/", public(calendar_views.calendar_help), name="calendar-help"),
    path("feeds/editions/", public(EditionsFeed()), name="feed-atom"),
    path("calendar.ics", public(calendar_views.feed_ics), name="feed-ics"),
    path(
        "series/<slug:slug>/calendar.ics",
        public(calendar_views.series_feed_ics),
        name="series-feed-ics",
    ),
    path("editions/<slug:slug>/calendar.ics", public(calendar_views.edition_ics), name="edition-ics"),
    path("editions/<slug:slug>/agenda.ics", public(calendar_views.agenda_ics), name="agenda-ics"),
]
