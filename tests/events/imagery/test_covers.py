import datetime
import re

import pytest

from events.imagery.covers import TONES, country_outline, date_block, tone
from tests.factories import EditionFactory, SeriesFactory, SummaryFactory


def test_a_date_block_names_each_end_of_a_range_only_where_it_differs():
    d = datetime.date
    assert date_block(d(2024, 3, 26), d(2024, 3, 27)) == ("26–27", "Mar", "2024")
    assert date_block(d(2024, 4, 24), d(2024, 4, 24)) == ("24", "Apr", "2024")
    assert date_block(d(2024, 11, 30), d(2024, 12, 1)) == ("30–1", "Nov–Dec", "2024")
    assert date_block(d(2024, 12, 31), d(2025, 1, 1)) == ("31–1", "Dec–Jan", "2024–25")


def test_a_country_outline_has_a_marker_at_the_city_inside_the_country():
    path, view_box, marker = country_outline("IT", 45.46, 9.19)  # Milan, in the north-west of Italy
    assert path.startswith("M") and view_box
    x, y = marker
    width, height = (float(v) for v in view_box.split()[2:])
    assert 0 < x < width / 2 and 0 < y < height / 3


def test_coordinates_far_from_the_country_draw_no_marker_and_an_unknown_country_no_outline():
    assert country_outline("IT", 60.17, 24.94)[2] is None  # Helsinki typed into an Italian edition
    assert country_outline("", None, None) == ("", "", None)
    assert country_outline("LU")[0], "small host countries have an outline too"


@pytest.mark.django_db
def test_every_edition_in_the_archive_has_a_cover_a_card_or_a_compact_rows_square(client, at):
    at(2025, 6, 1, 12, 0)
    EditionFactory(slug="milan", city="Milan", country="IT", latitude=45.46, longitude=9.19)
    EditionFactory(slug="online", city="", country="", format="online")
    SummaryFactory(edition=EditionFactory(slug="lyon", city="Lyon", country="FR"))
    html = client.get("/editions/").content.decode()
    # With a summary to read: a card with the whole cover, the city written large on it.
    cards = re.findall(r'<article class="card edition-item.*?</article>', html, re.S)
    assert len(cards) == 1 and "/editions/lyon/" in cards[0]
    assert f'<div class="cover cover-card tone-{tone("FR")}" aria-hidden="true">' in cards[0]
    assert '<span class="cover-name">Lyon</span>' in cards[0]
    assert '<span class="date-days">27–28</span>' in cards[0]
    # Nothing beyond the facts: a compact row, with the cover's colour and outline in a square.
    rows = re.findall(r'<article class="edition-row.*?</article>', html, re.S)
    assert len(rows) == 2
    milan = next(row for row in rows if "/editions/milan/" in row)
    assert f'<div class="cover-tile tone-{tone("IT")}" aria-hidden="true">' in milan
    assert '<svg class="cover-map"' in milan and 'class="cover-marker"' in milan
    online = next(row for row in rows if "/editions/online/" in row)
    assert 'class="cover-tile tone-0"' in online and "cover-online" in online


def test_a_country_has_one_colour_everywhere_and_its_neighbours_others():
    assert tone("DE") == tone("DE") and tone("") == tone(None) == 0
    for a, b in [
        ("DE", "PL"),
        ("DE", "FR"),
        ("DE", "CZ"),
        ("ES", "FR"),
        ("PL", "CZ"),
        ("PL", "SK"),
        ("ES", "PT"),
    ]:
        assert tone(a) != tone(b), (a, b)
    assert all(0 <= tone(c) < TONES for c in ("IT", "FR", "PL"))


@pytest.mark.django_db
def test_a_cover_says_the_city_large_and_the_series_once_on_the_card(client, at):
    at(2025, 6, 1, 12, 0)
    main = SeriesFactory(is_main=True)
    talks = SeriesFactory(name="EU Clusters Talks", slug="eu-clusters-talks")
    SummaryFactory(edition=EditionFactory(series=main, slug="krakow", city="Kraków", country="PL"))
    SummaryFactory(edition=EditionFactory(series=talks, slug="talk", city="", country="", format="online"))
    html = client.get("/editions/").content.decode()
    krakow = re.search(r'<article class="card edition-item.*?/editions/krakow/.*?</article>', html, re.S)[0]
    talk = re.search(r'<article class="card edition-item.*?/editions/talk/.*?</article>', html, re.S)[0]
    # The cover names the place, not the series; the main series' name is in every title already,
    # so only another series' is a tag.
    assert '<span class="cover-name">Kraków</span>' in krakow and main.name not in krakow.split("<h3>")[0]
    assert '<p class="card-tags"><span class="tag-format">In person</span></p>' in krakow
    assert '<span class="cover-name">Online</span>' in talk
    assert (
        '<p class="card-tags"><span class="tag-format">Online</span> <span>EU Clusters Talks</span></p>'
        in talk
    )


@pytest.mark.django_db
def test_a_card_marks_a_summary_only_where_it_has_content(client, at):
    at(2025, 6, 1, 12, 0)
    SummaryFactory(edition=EditionFactory(slug="with-text"))
    SummaryFactory(edition=EditionFactory(slug="empty"), body="")
    html = client.get("/editions/").content.decode()
    assert 'href="/editions/with-text/summary/"' in html
    assert 'href="/editions/empty/summary/"' not in html


@pytest.mark.django_db
def test_the_home_page_with_nothing_scheduled_leads_with_the_latest_edition_and_true_figures(client, at):
    at(2025, 6, 1, 12, 0)
    EditionFactory(slug="older", country="PL", start_date=datetime.date(2019, 5, 2))
    EditionFactory(slug="latest", country="BE", start_date=datetime.date(2024, 11, 27))
    EditionFactory(slug="called-off", country="FR", status="cancelled")
    html = client.get("/").content.decode()
    assert "No edition is scheduled right now" in html
    latest = html.index('id="latest-edition"')
    assert html.index('href="/editions/latest/"', latest) < html.index('id="in-figures"')
    figures = re.sub(r"\s+", " ", html[html.index('id="in-figures"') :])
    assert "<dt>Editions held</dt><dd>2</dd>" in figures
    assert "<dt>Host countries</dt><dd>2</dd>" in figures
    assert "<dt>Since</dt><dd>2019</dd>" in figures
    assert "recordings" not in html


@pytest.mark.django_db
def test_the_home_page_figures_and_map_are_the_main_series_own(client, at):
    at(2025, 6, 1, 12, 0)
    main = SeriesFactory(is_main=True)
    talks = SeriesFactory(name="EU Clusters Talks", slug="eu-clusters-talks")
    EditionFactory(series=main, country="PL", city="Kraków", latitude=50.06, longitude=19.94)
    EditionFactory(series=main, country="BE", start_date=datetime.date(2024, 11, 27))
    EditionFactory(series=talks, country="SE", city="Malmö", latitude=55.6, longitude=13.0)
    EditionFactory(series=talks, country="IT", start_date=datetime.date(2006, 5, 30))
    html = re.sub(r"\s+", " ", client.get("/").content.decode())
    assert "<dt>Editions held</dt><dd>2</dd>" in html and "<dt>Host countries</dt><dd>2</dd>" in html
    assert "<dt>Since</dt><dd>2006</dd>" not in html
    assert ">Kraków</text>" in html and "Malmö" not in html
    # With no series marked main, the record is every series'.
    main.is_main = False
    main.save()
    html = re.sub(r"\s+", " ", client.get("/").content.decode())
    assert "<dt>Editions held</dt><dd>4</dd>" in html and ">Malmö</text>" in html


@pytest.mark.django_db
def test_an_upcoming_edition_leads_with_register_and_its_deadline_and_a_past_one_offers_no_calendar(
    client, at
):
    at(2024, 11, 1, 12, 0)
    EditionFactory(
        slug="soon",
        registration_url="https://example.org/register",
        registration_deadline=datetime.datetime(2024, 11, 20, 17, 0, tzinfo=datetime.UTC),
        description="A long description.",
    )
    html = client.get("/editions/soon/").content.decode()
    header = html[
        html.index('<header class="edition-header">') : html.index("</header>", html.index("edition-header"))
    ]
    assert ">Register<" in header and "Registration closes" in header
    assert html.index(">Register<") < html.index('id="about"')
    assert 'id="subscribe-series"' in html

    at(2024, 12, 1, 12, 0)
    html = client.get("/editions/soon/").content.decode()
    assert "Add to calendar" not in html
    assert "Registration closes" not in html
