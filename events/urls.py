from django.contrib.sitemaps.views import sitemap
from django.urls import path

from .caching import public, read_only
from .feeds import EditionsFeed
from .forms import ArchiveFilterForm
from .sitemaps import SITEMAPS
from .views import calendars, directory, open_data, pages, site

app_name = "events"


urlpatterns = [
    path("", public(pages.upcoming), name="upcoming"),
    path("editions/", public(pages.archive, query_params=ArchiveFilterForm.QUERY_PARAMS), name="archive"),
    path("editions/<slug:slug>/", public(pages.edition_detail), name="edition-detail"),
    path("editions/<slug:slug>/summary/", public(pages.summary_detail), name="summary-detail"),
    path("series/<slug:slug>/", public(pages.series_detail), name="series-detail"),
    path(
        "editions.json",
        public(open_data.editions_json, query_params=ArchiveFilterForm.DATA_PARAMS),
        name="editions-json",
    ),
    path(
        "editions.csv",
        public(open_data.editions_csv, query_params=ArchiveFilterForm.DATA_PARAMS),
        name="editions-csv",
    ),
    path("hosts/", public(directory.host_list), name="host-list"),
    path("hosts/<slug:slug>/", public(directory.host_detail), name="host-detail"),
    path("partners/<slug:slug>/", public(directory.partner_detail), name="partner-detail"),
    path("speakers/<slug:slug>/", public(directory.speaker_detail), name="speaker-detail"),
    path("calendar/", public(calendars.calendar_help), name="calendar-help"),
    path("privacy/", public(site.site_page), {"kind": "privacy"}, name="privacy"),
    path("legal/", public(site.site_page), {"kind": "legal"}, name="legal"),
    path("contact/", public(site.contact), name="contact"),
    path("faq/", public(site.faq), name="faq"),
    path("feeds/editions/", public(EditionsFeed()), name="feed-atom"),
    path("calendar.ics", public(calendars.feed_ics), name="feed-ics"),
    path("series/<slug:slug>/calendar.ics", public(calendars.series_feed_ics), name="series-feed-ics"),
    path("editions/<slug:slug>/calendar.ics", public(calendars.edition_ics), name="edition-ics"),
    path("editions/<slug:slug>/share.png", read_only(pages.share_png), name="edition-share-png"),
    path("editions/<slug:slug>/agenda.ics", public(calendars.agenda_ics), name="agenda-ics"),
    # `p`: the sitemap's page, once it outgrows one (Django's sitemap view reads it).
    path("sitemap.xml", public(sitemap, query_params=("p",)), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", read_only(site.robots_txt), name="robots-txt"),
]
