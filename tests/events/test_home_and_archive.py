"""The home page in both of its states and the archive's layout of cards and compact rows (issue 23)."""

import datetime
import re

import pytest

from events.models import RegistrationMode
from tests.factories import EditionFactory, SeriesFactory, SummaryFactory

pytestmark = pytest.mark.django_db


def text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_with_nothing_scheduled_the_home_page_leads_with_the_series_and_says_so_once(client, archive, at):
    at(2026, 11, 21, 12, 0)
    html = client.get("/").content.decode()
    words = text(html)
    assert re.search(r"<h1>Clusters meet Regions</h1>\s*<p class=\"lead\">", html)
    assert words.count("No edition is scheduled") == 1
    assert words.count("open at the moment") == 1
    # Then the latest edition, the record beside the map, hosting and following.
    order = [
        html.index(marker)
        for marker in (
            'id="nothing-scheduled"',
            'id="latest-edition"',
            'id="in-figures"',
            'id="map-heading"',
            'id="host-an-edition"',
            'id="follow"',
        )
    ]
    assert order == sorted(order)


def test_with_an_edition_open_for_registration_the_home_page_leads_with_it_and_its_register_button(
    client, at
):
    at(2030, 3, 1, 12, 0)
    SeriesFactory(is_main=True)
    EditionFactory(
        slug="vilnius-2030",
        title="Clusters meet Regions: Vilnius",
        city="Vilnius",
        country="LT",
        start_date=datetime.date(2030, 4, 24),
        end_date=datetime.date(2030, 4, 25),
        registration_mode=RegistrationMode.ON_SITE,
        registration_places=40,
    )
    html = client.get("/").content.decode()
    assert "No edition is scheduled" not in html
    featured = html[html.index('aria-labelledby="next-edition"') :]
    assert html.index("<h1>Clusters meet Regions</h1>") < html.index('aria-labelledby="next-edition"')
    assert '<span class="cover-name">Vilnius</span>' in featured
    assert '/editions/vilnius-2030/register/">Register<' in featured.split("</section>")[0]


def test_the_archive_gives_cards_to_editions_with_a_summary_and_compact_rows_to_the_others(client, at):
    at(2025, 6, 1, 12, 0)
    SummaryFactory(edition=EditionFactory(slug="with-summary", start_date=datetime.date(2024, 3, 1)))
    EditionFactory(slug="bare", start_date=datetime.date(2024, 5, 1))
    html = client.get("/editions/").content.decode()
    year = html[html.index('id="year-2024"') :]
    cards, rows = year.index('<div class="edition-cards">'), year.index('<div class="edition-rows">')
    assert cards < year.index("/editions/with-summary/") < rows < year.index("/editions/bare/")
    assert '<article class="edition-row">' in year


def test_the_result_count_agrees_with_its_number(client, at):
    at(2025, 6, 1, 12, 0)
    EditionFactory(title="Alpha workshop", country="BE")
    EditionFactory(title="Beta workshop", country="BE")
    assert "1 edition matches “alpha”" in client.get("/editions/?q=alpha").content.decode()
    assert "2 editions match “workshop”" in client.get("/editions/?q=workshop").content.decode()
    assert "2 editions match these filters" in client.get("/editions/?country=BE").content.decode()


def test_a_compact_row_tags_only_what_sets_the_edition_apart(client, at):
    at(2025, 6, 1, 12, 0)
    SeriesFactory(is_main=True)
    conference = SeriesFactory(name="ECCP annual conference", slug="eccp-annual-conference")
    EditionFactory(slug="usual", start_date=datetime.date(2024, 5, 1))
    EditionFactory(slug="conference", series=conference, start_date=datetime.date(2024, 4, 1))
    EditionFactory(
        slug="talk", series=conference, format="online", city="", start_date=datetime.date(2024, 3, 1)
    )
    rows = {
        slug: re.search(
            rf'<article class="edition-row">(?:(?!</article>).)*?/editions/{slug}/.*?</article>', html, re.S
        )[0]
        for html in [client.get("/editions/").content.decode()]
        for slug in ("usual", "conference", "talk")
    }
    assert "card-tags" not in rows["usual"]
    assert '<p class="card-tags"> <span>ECCP annual conference</span></p>' in rows["conference"]
    assert '<span class="tag-format">Online</span> <span>ECCP annual conference</span>' in rows["talk"]
