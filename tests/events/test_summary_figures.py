"""The summary's key figures (events/models/summaries.py): the shown figure is the organisers'
where they typed one, else the site's; the page says which come from the site; the archive's
hand-typed figures read as they always have. And "The series in figures" on a series page."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache

from events.models import Summary
from tests.factories import EditionFactory, SeriesFactory, SummaryFactory

pytestmark = pytest.mark.django_db

SITE = "From the site’s check-in and feedback"


def computed(edition, **fields):
    figures = {
        "site_participants": 84,
        "site_countries": 12,
        "site_kinds": {"cluster": 50, "agency": 34},
        "site_rating": Decimal("4.25"),
        "site_responses": 40,
    }
    return SummaryFactory(edition=edition, **{**figures, **fields})


@pytest.mark.parametrize(
    ("override", "site", "shown", "from_site"),
    [(None, 84, 84, True), (130, 84, 130, False), (130, None, 130, False), (None, None, None, False)],
)
def test_the_shown_figure_is_the_override_where_set_else_the_sites(override, site, shown, from_site):
    summary = Summary(participants=override, site_participants=site, countries=override, site_countries=site)
    assert summary.shown_participants == summary.shown_countries == shown
    assert summary.participants_from_site is summary.countries_from_site is from_site


def test_the_summary_page_says_which_figures_come_from_the_site(client, at):
    at(2025, 3, 1, 12, 0)
    summary = computed(EditionFactory(), participants=130)
    html = client.get(summary.get_absolute_url()).content.decode()
    assert '<dd>130</dd><dd class="figure-source">Entered by the organisers</dd>' in html
    assert f'<dd>12</dd><dd class="figure-source">{SITE}</dd>' in html
    assert "<dd>4.3<span" in html and "Average of 40 ratings from the site’s feedback" in html
    assert '<th scope="row">Cluster organisation</th><td class="number">50</td>' in html


def test_a_summary_with_only_the_sites_figures_has_a_page(client, at):
    at(2025, 3, 1, 12, 0)
    summary = computed(EditionFactory(), body="")
    assert summary.has_content
    assert client.get(summary.get_absolute_url()).status_code == 200


def test_hand_typed_figures_read_as_before(client, at):
    at(2025, 3, 1, 12, 0)
    summary = SummaryFactory(participants=130, countries=21)
    html = client.get(summary.get_absolute_url()).content.decode()
    assert "<div><dt>Participants</dt><dd>130</dd></div>" in html
    assert "<div><dt>Countries represented</dt><dd>21</dd></div>" in html
    assert "figure-source" not in html


def test_the_series_page_shows_its_figures_from_the_data(client, at):
    at(2026, 6, 1, 12, 0)
    series = SeriesFactory()
    computed(EditionFactory(series=series, start_date=datetime.date(2025, 5, 6), country="LV"))
    SummaryFactory(
        edition=EditionFactory(series=series, start_date=datetime.date(2024, 5, 6), country="FR"),
        participants=100,
        countries=20,
    )
    EditionFactory(series=series, start_date=datetime.date(2023, 5, 6), country="FR")
    EditionFactory(series=series, start_date=datetime.date(2023, 9, 6), status="cancelled")
    EditionFactory(series=series, start_date=datetime.date(2026, 9, 6), country="PL")  # to come
    html = client.get(f"/series/{series.slug}/").content.decode()
    assert "The series in figures" in html
    assert "<dt>Editions held</dt><dd>3</dd>" in html
    assert "<dt>Host countries</dt><dd>2</dd>" in html
    assert (
        '<dt>Participants</dt><dd>184</dd><dd class="figure-source">At the 2 editions with figures</dd>'
        in html
    )
    assert "<dt>Countries represented</dt><dd>20</dd>" in html


def test_the_series_figures_show_only_what_the_data_holds(client, at):
    at(2026, 6, 1, 12, 0)
    series = SeriesFactory()
    EditionFactory(series=series, start_date=datetime.date(2025, 5, 6), country="LV")
    html = client.get(f"/series/{series.slug}/").content.decode()
    assert "<dt>Editions held</dt><dd>1</dd>" in html
    assert "<dt>Host country</dt><dd>1</dd>" in html
    assert "Participants" not in html and "Countries represented" not in html


def test_a_series_without_editions_held_has_no_figures(client, at):
    at(2026, 6, 1, 12, 0)
    series = SeriesFactory()
    EditionFactory(series=series, start_date=datetime.date(2026, 9, 6))
    assert "The series in figures" not in client.get(f"/series/{series.slug}/").content.decode()


def test_the_series_page_is_cached_and_a_new_summary_figure_shows_at_once(client, at):
    at(2026, 6, 1, 12, 0)
    cache.clear()
    series = SeriesFactory()
    edition = EditionFactory(series=series, start_date=datetime.date(2025, 5, 6))
    url = f"/series/{series.slug}/"
    assert "Participants" not in client.get(url).content.decode()
    computed(edition)
    assert "<dt>Participants</dt><dd>84</dd>" in client.get(url).content.decode()
