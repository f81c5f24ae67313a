"""The public addresses of the real archive (fixtures/archive.json), for tests that visit them all."""

HTML_PAGES = [
    "/",
    "/editions/",
    "/editions/?year=2023",
    "/editions/charleroi-2024/",
    "/editions/eu-clusters-talk-meta-cluster-2024/",
    "/editions/krakow-2023/",
    "/series/clusters-meet-regions/",
    "/calendar/",
    "/privacy/",
    "/legal/",
    "/host/",
    "/alerts/",
    "/hosts/",
    "/hosts/charleroi-metropole/",
    "/partners/eccp/",
    "/speakers/marek-przeor/",
]
FEEDS_AND_DATA = [
    "/calendar.ics",
    "/series/clusters-meet-regions/calendar.ics",
    "/editions/charleroi-2024/calendar.ics",
    "/feeds/editions/",
    "/sitemap.xml",
    "/editions.json",
    "/editions.csv",
]
PUBLIC_URLS = HTML_PAGES + FEEDS_AND_DATA
