"""What search engines, feed readers and shared links get."""

import datetime
import json
import re
from urllib.parse import quote
from xml.etree import ElementTree

import pytest

from events.models import Edition
from tests.factories import EditionFactory, SeriesFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SITE = "http://127.0.0.1:8000"


def json_ld(client, url):
    html = client.get(url).content.decode()
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block)


def test_charleroi_is_an_event_google_can_read(client, archive):
    data = json_ld(client, "/editions/charleroi-2024/")
    assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
    assert data["name"] == Edition.objects.get(slug="charleroi-2024").title
    assert (data["startDate"], data["endDate"]) == ("2024-11-27", "2024-11-28")
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    location = data["location"]
    assert location["@type"] == "Place"
    assert location["address"]["@type"] == "PostalAddress"
    assert location["address"]["addressLocality"] == "Charleroi"
    assert location["address"]["addressCountry"] == "BE"
    organisers = {o["name"] for o in data["organizer"]}
    assert "European Cluster Collaboration Platform" in organisers
    assert all(o["@type"] == "Organization" for o in data["organizer"])
    assert data["url"] == f"{SITE}/editions/charleroi-2024/"
    assert data["description"]


def test_the_online_talk_has_a_virtual_location_and_times_with_their_offset(client, archive):
    data = json_ld(client, "/editions/eu-clusters-talk-meta-cluster-2024/")
    assert data["location"]["@type"] == "VirtualLocation" and data["location"]["url"].startswith("http")
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert re.fullmatch(r"2024-\d\d-\d\dT\d\d:\d\d:00\+0[12]:00", data["startDate"]), data["startDate"]
    assert data["endDate"] > data["startDate"]
    assert data["performer"] and all(p["@type"] == "Person" for p in data["performer"])


def test_cancelled_and_postponed_editions_say_so(client):
    cancelled = EditionFactory(status=Edition.Status.CANCELLED)
    postponed = EditionFactory(status=Edition.Status.POSTPONED)
    assert json_ld(client, cancelled.get_absolute_url())["eventStatus"] == "https://schema.org/EventCancelled"
    assert json_ld(client, postponed.get_absolute_url())["eventStatus"] == "https://schema.org/EventPostponed"


def test_a_draft_preview_carries_no_structured_data(admin_client):
    draft = EditionFactory(status=Edition.Status.DRAFT)
    assert "application/ld+json" not in admin_client.get(draft.get_absolute_url()).content.decode()


def test_edition_pages_have_open_graph_and_twitter_tags(client, archive):
    html = client.get("/editions/charleroi-2024/").content.decode()
    title = Edition.objects.get(slug="charleroi-2024").title
    assert f'<meta property="og:title" content="{title}">' in html
    assert f'<meta property="og:url" content="{SITE}/editions/charleroi-2024/">' in html
    assert '<meta property="og:description" content="' in html
    # Every public edition has a generated share image, so the large card.
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert f'<meta property="og:image" content="{SITE}/editions/charleroi-2024/share.png">' in html
    assert f'<link rel="canonical" href="{SITE}/editions/charleroi-2024/">' in html


def test_the_sitemap_lists_every_published_edition_and_no_draft(client, archive):
    draft = EditionFactory(status=Edition.Status.DRAFT, slug="secret-draft")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    sitemap = ElementTree.fromstring(response.content)  # noqa: S314 - our own sitemap
    entries = {u.find(f"{SITEMAP}loc").text: u.find(f"{SITEMAP}lastmod") for u in sitemap}
    for edition in Edition.objects.published():
        url = f"{SITE}{edition.get_absolute_url()}"
        assert url in entries and entries[url] is not None, url
    assert f"{SITE}{draft.get_absolute_url()}" not in entries
    assert {f"{SITE}/", f"{SITE}/editions/", f"{SITE}/series/clusters-meet-regions/"} <= set(entries)
    assert all(url.startswith(SITE) for url in entries)


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert f"Sitemap: {SITE}/sitemap.xml" in response.content.decode()


def test_the_atom_feed_lists_published_editions_with_stable_ids(client, archive):
    draft = EditionFactory(status=Edition.Status.DRAFT, title="A secret draft")
    response = client.get("/feeds/editions/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)  # noqa: S314 - our own feed
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{ATOM}title").text == "Clusters meet Regions: editions"
    assert feed.find(f"{ATOM}updated").text and feed.find(f"{ATOM}id").text
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == Edition.objects.published().count() == 19
    charleroi = Edition.objects.get(slug="charleroi-2024")
    entry = next(e for e in entries if e.find(f"{ATOM}id").text == f"urn:uuid:{charleroi.uid}")
    assert entry.find(f"{ATOM}link").get("href") == f"{SITE}/editions/charleroi-2024/"
    assert entry.find(f"{ATOM}updated").text and entry.find(f"{ATOM}title").text == charleroi.title
    assert draft.title not in response.content.decode()
    assert 'type="application/atom+xml"' in client.get("/").content.decode()


def test_each_edition_links_the_previous_and_next_of_its_series(client):
    series = SeriesFactory()
    first, middle, last = (
        EditionFactory(series=series, start_date=datetime.date(2023 + n, 5, 1), title=f"Edition {n}")
        for n in range(3)
    )
    EditionFactory(series=SeriesFactory(slug="other", name="Other"), start_date=datetime.date(2024, 6, 1))
    EditionFactory(series=series, status=Edition.Status.DRAFT, start_date=datetime.date(2024, 1, 1))
    html = client.get(middle.get_absolute_url()).content.decode()
    assert f'<a rel="prev" href="{first.get_absolute_url()}">' in html
    assert f'<a rel="next" href="{last.get_absolute_url()}">' in html
    assert 'rel="prev"' not in client.get(first.get_absolute_url()).content.decode()
    assert 'rel="next"' not in client.get(last.get_absolute_url()).content.decode()


def test_edition_pages_offer_plain_share_links(client, archive):
    html = client.get("/editions/charleroi-2024/").content.decode()
    page = quote(f"{SITE}/editions/charleroi-2024/", safe="")
    for start in (
        "https://www.linkedin.com/sharing/share-offsite/?url=",
        "https://bsky.app/intent/compose?text=",
        "https://mastodonshare.com/?text=",
        "https://x.com/intent/post?text=",
        "mailto:?subject=",
    ):
        assert f'href="{start}' in html, start
    assert html.count(page) >= 5
    assert f'value="{SITE}/editions/charleroi-2024/" readonly' in html
