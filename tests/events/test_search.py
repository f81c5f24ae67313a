"""The archive's search and filters (events/forms.py, EditionQuerySet.search()), on the page and in the data.

Run on SQLite and on PostgreSQL: both must give the same answers to these cases.
"""

import csv
import io
import json
import re

import pytest

from events.models import Edition, EditionHost, Partnership, Summary
from tests.factories import EditionFactory, HostFactory, PartnerFactory
from tests.pages import archive_map

pytestmark = pytest.mark.usefixtures("archive")


def slugs_on_page(client, query):
    response = client.get("/editions/?" + query)
    assert response.status_code == 200, query
    html = response.content.decode()
    return re.findall(r'<h3><a class="card-link" href="/editions/([^/]+)/">', html)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=krakow", {"krakow-2023"}),
        ("q=KRAKÓW", {"krakow-2023"}),
        ("q=kosice", {"kosice-2023"}),
        ("q=Düsseldorf", {"dusseldorf-2023"}),
        ("q=dusseldorf", {"dusseldorf-2023"}),
        ("q=iasi", {"iasi-2023"}),
        ("q=skane", {"skane-2023"}),
        ("q=sweden", {"skane-2023"}),
        ("q=lapland", {"kittila-2023"}),
        ("q=czechia+conference", {"eccp-annual-conference-2022"}),
        ("q=igretec", {"charleroi-2024"}),  # a partner
        ("q=cleantech", {"charleroi-2024"}),  # a theme
        ("q=Röhr", {"eu-clusters-talk-meta-cluster-2024"}),  # a speaker
        ("q=rohr+meta-cluster", {"eu-clusters-talk-meta-cluster-2024"}),
        ("q=Nathalie", set()),  # the contact person is not searched
        ("q=charleroi+milan", set()),  # every word must match
    ],
)
def test_the_search_is_accent_and_case_blind_and_every_word_must_match(client, at, query, expected):
    at(2026, 11, 21, 12, 0)
    assert set(slugs_on_page(client, query)) == expected


def test_a_search_for_prague_ranks_the_editions_held_there_first(client, at):
    at(2026, 11, 21, 12, 0)
    # Brussels' IRE workshop mentions no Prague; the two Prague editions name it as their place.
    assert slugs_on_page(client, "q=prague") == ["prague-2023", "eccp-annual-conference-2022"]
    # "clusters" is in every text; titles holding it come first, newest first, then the talk,
    # whose title does not hold it.
    ranked = slugs_on_page(client, "q=clusters")
    assert ranked[0] == "charleroi-2024" and ranked[-1] == "eu-clusters-talk-meta-cluster-2024"
    assert len(ranked) == Edition.objects.count()


def test_title_and_place_matches_come_before_matches_in_the_text(client, at):
    at(2026, 11, 21, 12, 0)
    # "Brussels" is the IRE workshop's city, and appears only in Charleroi's description.
    assert slugs_on_page(client, "q=brussels") == ["ire-workshop-regional-clusters-2006", "charleroi-2024"]


def test_the_search_finds_a_summary_and_a_host_added_later(client, at):
    at(2026, 11, 21, 12, 0)
    summary = Summary.objects.get(edition__slug="lyon-2023")
    summary.body = "Forty clusters visited the Confluence district."
    summary.save()
    host = HostFactory(name="Région Auvergne-Rhône-Alpes")
    EditionHost.objects.create(edition=summary.edition, host=host)
    assert slugs_on_page(client, "q=confluence") == ["lyon-2023"]
    assert slugs_on_page(client, "q=region+auvergne") == ["lyon-2023"]
    host.name = "Métropole de Lyon"
    host.save()
    assert slugs_on_page(client, "q=auvergne") == []
    assert slugs_on_page(client, "q=metropole+lyon") == ["lyon-2023"]


def test_the_query_is_kept_in_the_form_and_nothing_found_is_a_friendly_page(client, at):
    at(2026, 11, 21, 12, 0)
    html = client.get("/editions/?q=Atlantis").content.decode()
    assert 'value="Atlantis"' in html
    assert "No past edition matches “Atlantis”" in html and 'href="/editions/"' in html
    assert archive_map(html) == ""  # nothing located, no map


@pytest.mark.parametrize(
    "query",
    ["q=%00", "q=" + "x" * 201, "format=zoom", "theme=nope", "host=nowhere", "year=abc", "country=XX"],
)
def test_bad_input_is_the_same_page_with_a_400_and_the_reason(client, at, query):
    at(2026, 11, 21, 12, 0)
    response = client.get("/editions/?" + query)
    assert response.status_code == 400
    assert "These filters could not be applied" in response.content.decode()


def test_punctuation_alone_searches_for_nothing_and_lists_everything(client, at):
    at(2026, 11, 21, 12, 0)
    assert len(slugs_on_page(client, "q=%27%22%26%7C%21%3A*")) == Edition.objects.count()


def test_the_theme_format_and_host_filters(client, at):
    at(2026, 11, 21, 12, 0)
    assert slugs_on_page(client, "theme=cleantech") == ["charleroi-2024"]
    assert slugs_on_page(client, "format=online") == ["eu-clusters-talk-meta-cluster-2024"]
    assert "eu-clusters-talk-meta-cluster-2024" not in slugs_on_page(client, "format=in_person")
    assert slugs_on_page(client, "host=charleroi-metropole") == ["charleroi-2024"]
    assert slugs_on_page(client, "country=PL&q=krakow") == ["krakow-2023"]
    assert slugs_on_page(client, "country=ES&q=krakow") == []


def test_the_map_follows_the_search(client, at):
    at(2026, 11, 21, 12, 0)
    html = client.get("/editions/?q=poland").content.decode()
    svg = archive_map(html)
    # Kraków and Katowice lie close together: one marker with a count, and both in the list of places.
    assert svg.count("<circle") == 1 and ">2</text>" in svg
    assert "Katowice, Poland" in html and "Kraków, Poland" in html


def open_data(client, query, fmt="json"):
    response = client.get(f"/editions.{fmt}?{query}")
    return response


def test_the_open_data_takes_the_same_filters(client, at):
    at(2026, 11, 21, 12, 0)
    data = json.loads(open_data(client, "country=PL").content)
    assert [e["slug"] for e in data["editions"]] == ["katowice-2022", "krakow-2023"] and data["count"] == 2
    data = json.loads(open_data(client, "year=2023&q=kosice").content)
    assert [e["slug"] for e in data["editions"]] == ["kosice-2023"]
    data = json.loads(open_data(client, "format=online").content)
    assert [e["slug"] for e in data["editions"]] == ["eu-clusters-talk-meta-cluster-2024"]
    rows = list(csv.DictReader(io.StringIO(open_data(client, "q=prague", "csv").content.decode())))
    assert [r["slug"] for r in rows] == ["eccp-annual-conference-2022", "prague-2023"]  # by date, not rank


def test_a_bad_filter_on_the_open_data_is_a_400_with_the_reason(client, at):
    at(2026, 11, 21, 12, 0)
    response = open_data(client, "format=zoom")
    assert response.status_code == 400
    assert (
        "Format: Select a valid choice. zoom is not one of the available choices."
        in json.loads(response.content)["error"]
    )
    response = open_data(client, "year=1850", "csv")
    assert response.status_code == 400 and response["Content-Type"].startswith("text/plain")
    assert b"Year: Select a valid choice." in response.content


def test_the_search_text_is_rebuilt_when_a_partner_link_is_removed(at):
    at(2026, 11, 21, 12, 0)
    partner = PartnerFactory(name="Wagralim")
    edition = EditionFactory(
        slug="somewhere-2024", start_date=Edition.objects.get(slug="milan-2024").start_date
    )
    link = Partnership.objects.create(edition=edition, partner=partner)
    assert list(Edition.objects.search("wagralim").values_list("slug", flat=True)) == ["somewhere-2024"]
    link.delete()
    assert not Edition.objects.search("wagralim").exists()
