"""Each page runs the same number of SQL queries however large the archive is."""

import datetime
import gzip

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events import caching
from events.models import (
    AgendaItem,
    Edition,
    EditionHost,
    EditionSpeaker,
    Partnership,
    SiteIdentity,
    Speaker,
    Summary,
    Theme,
)
from tests.archive import search_text_built_once
from tests.events.imagery.test_uploads import image_bytes
from tests.factories import EditionFactory, HostFactory, PartnerFactory, SpeakerFactory
from tests.public_urls import PUBLIC_URLS

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2024, 6, 1)


def build_archive(size):
    """`size` editions, half of them past, each with hosts, partners, themes and speakers."""
    themes = [Theme.objects.create(name=f"Theme {n}", slug=f"theme-{n}") for n in range(3)]
    hosts = HostFactory.create_batch(max(2, size // 3))
    partners = PartnerFactory.create_batch(max(2, size // 3))
    speakers = SpeakerFactory.create_batch(max(2, size // 3))
    editions = []
    with search_text_built_once():
        for n in range(size):
            start = TODAY + datetime.timedelta(days=(n - size // 2) * 7)
            edition = EditionFactory(start_date=start, slug=f"edition-{n}")
            edition.themes.set(themes)
            for order, host in enumerate(hosts[n % len(hosts) :][:2]):
                EditionHost.objects.create(edition=edition, host=host, order=order)
            for order, partner in enumerate(partners[n % len(partners) :][:2]):
                Partnership.objects.create(edition=edition, partner=partner, order=order)
            for order, speaker in enumerate(speakers[n % len(speakers) :][:2]):
                EditionSpeaker.objects.create(edition=edition, speaker=speaker, order=order)
            if start < TODAY:
                Summary.objects.create(edition=edition, body="What happened.")
            editions.append(edition)
    # The edition page under test: its agenda grows with the archive too.
    detail = editions[0]
    for n in range(size // 5):
        item = AgendaItem.objects.create(
            edition=detail, day=detail.start_date, start_time=datetime.time(8 + n % 10), title=f"Session {n}"
        )
        item.speakers.set(speakers[:3])
    detail.summary.recordings.create(title="Recording", url="https://example.org/r")
    return detail


PAGES = [
    "/",
    "/editions/",
    "/editions/?year=2024&country=BE&series=clusters-meet-regions",
    "/editions/edition-0/",
    "/editions/edition-0/summary/",
    "/series/clusters-meet-regions/",
]


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.slow
def test_pages_run_a_constant_number_of_queries_at_10_and_300_editions(client, time_machine):
    time_machine.move_to(datetime.datetime(2024, 6, 1, 12, 0, tzinfo=datetime.UTC), tick=False)
    build_archive(10)
    small = {url: count_queries(client, url) for url in PAGES}
    Edition.objects.all().delete()
    Theme.objects.all().delete()
    build_archive(300)
    large = {url: count_queries(client, url) for url in PAGES}
    assert small == large
    # The budget itself, so that a new per-page query is a conscious decision;
    # each includes the content revision the page cache is keyed by, the
    # main series the navigation links to, and the site identity (the
    # organisers' logo in the header: one query, on an uncached render only).
    assert large == {
        # + the latest edition held, the series in figures and the map, for when nothing is scheduled
        "/": 10,
        # + the editions with coordinates, for the map
        "/editions/": 11,
        "/editions/?year=2024&country=BE&series=clusters-meet-regions": 11,
        # + the previous and next edition, the next upcoming one, the summary's recordings, the other
        # editions of its year and country
        "/editions/edition-0/": 15,
        "/editions/edition-0/summary/": 5,
        # + the series' calls for hosts and the series in figures (one aggregate)
        "/series/clusters-meet-regions/": 12,
    }


def test_a_cached_page_or_feed_costs_one_query_for_the_content_revision(client, time_machine):
    time_machine.move_to(datetime.datetime(2024, 6, 1, 12, 0, tzinfo=datetime.UTC), tick=False)
    build_archive(10)
    for url in [*PAGES, "/calendar.ics", "/editions/edition-0/calendar.ics"]:
        assert client.get(url)["X-Cache"] == "miss"
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response["X-Cache"] == "hit" and len(queries) == 1, url


def test_speaker_photos_and_the_organisers_logo_cost_no_query_per_speaker(client, time_machine):
    time_machine.move_to(datetime.datetime(2024, 6, 1, 12, 0, tzinfo=datetime.UTC), tick=False)
    build_archive(10)
    speaker = Speaker.objects.filter(edition_speakers__edition__slug="edition-0").first()
    pages = ["/", "/editions/edition-0/", speaker.get_absolute_url()]
    plain = {url: count_queries(client, url) for url in pages}
    for each in Speaker.objects.all():
        each.photo = SimpleUploadedFile("portrait.jpg", image_bytes(size=(300, 400)))
        each.bio = "A few lines about the speaker."
        each.save()
    SiteIdentity.objects.create(
        logo=SimpleUploadedFile("logo.png", image_bytes("PNG", (300, 100))), logo_alt="The organisers"
    )
    pictured = {url: count_queries(client, url) for url in pages}
    # Photos, bios and a logo change no count; the speaker page's budget is pinned too.
    assert pictured == plain and pictured[speaker.get_absolute_url()] == 7
    assert 'alt="Photo of ' in client.get("/editions/edition-0/").content.decode()
    for url in pages:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response["X-Cache"] == "hit" and len(queries) == 1, url
        assert 'alt="The organisers"' in response.content.decode()


JUNK = "utm_source=newsletter&fbclid=IwAR0abc&x=%00%ff"


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_every_public_page_and_feed_is_served_from_the_cache_for_one_query_even_with_junk_parameters(
    client, archive, url
):
    first = client.get(url)
    assert first.status_code == 200 and first["X-Cache"] == "miss", url
    joiner = "&" if "?" in url else "?"
    with CaptureQueriesContext(connection) as queries:
        junk = client.get(url + joiner + JUNK)
    # Unknown parameters change neither the key nor the page: the canonical entry answers.
    assert junk["X-Cache"] == "hit" and len(queries) == 1, url
    assert junk.content == first.content and junk["ETag"] == first["ETag"]
    with CaptureQueriesContext(connection) as queries:
        not_modified = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304 and len(queries) == 1, url


def test_a_cached_page_is_sent_gzipped_to_clients_that_accept_it(client, archive):
    plain = client.get("/editions/")
    packed = client.get("/editions/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert packed["X-Cache"] == "hit" and packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert packed["Vary"].endswith("Accept-Encoding") and packed["ETag"] == "W/" + plain["ETag"]
    assert int(packed["Content-Length"]) == len(packed.content) < len(plain.content) / 2


def test_the_per_process_layer_keeps_at_most_its_byte_budget(client, archive, monkeypatch):
    monkeypatch.setattr(caching, "LOCAL_BYTES", 60_000)
    for url in PUBLIC_URLS:
        client.get(url)
    assert 0 < caching._local_bytes <= 60_000 or len(caching._local) == 1
    assert caching._local_bytes == sum(entry.size for entry in caching._local.values())


def test_a_made_up_session_cookie_gets_the_cached_page_like_everyone_else(client, archive):
    client.get("/editions/")
    client.cookies["sessionid"] = "madeup" * 6  # well-formed, but no such session
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/editions/")
    # The content token, and the look-up that finds no such session.
    assert response["X-Cache"] == "hit" and len(queries) == 2


def test_gzip_refused_with_a_zero_weight_gets_the_plain_page(client, archive):
    client.get("/editions/")
    for refusal in ("gzip;q=0", "deflate, gzip;q=0, identity", "*;q=0"):
        response = client.get("/editions/", HTTP_ACCEPT_ENCODING=refusal)
        assert "Content-Encoding" not in response, refusal
    assert client.get("/editions/", HTTP_ACCEPT_ENCODING="gzip;q=0.5")["Content-Encoding"] == "gzip"


def test_the_sitemap_page_parameter_reaches_the_sitemap(client, archive):
    assert client.get("/sitemap.xml?p=1").status_code == 200
    assert client.get("/sitemap.xml?p=2").status_code == 404
