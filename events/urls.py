from django.urls import path

from . import calendar_views, views
from .caching import cached_page

app_name = "events"

# Every public page and feed is served from the page cache (events.caching).
urlpatterns = [
    path("", cached_page(views.upcoming), name="upcoming"),
    path("editions/", cached_page(views.archive), name="archive"),
    path("editions/<slug:slug>/", cached_page(views.edition_detail), name="edition-detail"),
    path("editions/<slug:slug>/summary/", cached_page(views.summary_detail), name="summary-detail"),
    path("series/<slug:slug>/", cached_page(views.series_detail), name="series-detail"),
    path("calendar/", cached_page(calendar_views.calendar_help), name="calendar-help"),
    path("calendar.ics", cached_page(calendar_views.feed_ics), name="feed-ics"),
    path(
        "series/<slug:slug>/calendar.ics",
        cached_page(calendar_views.series_feed_ics),
        name="series-feed-ics",
    ),
    path("editions/<slug:slug>/calendar.ics", cached_page(calendar_views.edition_ics), name="edition-ics"),
    path("editions/<slug:slug>/agenda.ics", cached_page(calendar_views.agenda_ics), name="agenda-ics"),
]
