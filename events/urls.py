from django.urls import path

from . import calendar_views, views

app_name = "events"

urlpatterns = [
    path("", views.upcoming, name="upcoming"),
    path("editions/", views.archive, name="archive"),
    path("editions/<slug:slug>/", views.edition_detail, name="edition-detail"),
    path("editions/<slug:slug>/summary/", views.summary_detail, name="summary-detail"),
    path("series/<slug:slug>/", views.series_detail, name="series-detail"),
    path("calendar/", calendar_views.calendar_help, name="calendar-help"),
    path("calendar.ics", calendar_views.feed_ics, name="feed-ics"),
    path("series/<slug:slug>/calendar.ics", calendar_views.series_feed_ics, name="series-feed-ics"),
    path("editions/<slug:slug>/calendar.ics", calendar_views.edition_ics, name="edition-ics"),
    path("editions/<slug:slug>/agenda.ics", calendar_views.agenda_ics, name="agenda-ics"),
]
