"""How an edition's page reads (events/models/presentation.py): the place that already says "Online",
and quoted times in a zone the edition's date is not in."""

import datetime
import re

import pytest

from tests.factories import EditionFactory

pytestmark = pytest.mark.django_db


def talk(**fields):
    return EditionFactory(
        format="online",
        city="",
        country="",
        start_date=datetime.date(2024, 4, 24),
        end_date=datetime.date(2024, 4, 24),
        start_time=datetime.time(8, 30),
        end_time=datetime.time(9, 45),
        **fields,
    )


def test_a_quoted_cet_in_summer_time_gets_a_note_naming_the_zone_the_page_shows():
    edition = talk(description="On 24 April, 8:30 – 9:45 CET.", eligibility="Register before 7:30 CET.")
    assert edition.quoted_zone_note == (
        "Times on this page are Brussels time (CEST) on that date, UTC+2; "
        "the organisers’ text below says CET."
    )


def test_a_quoted_zone_that_is_right_for_the_date_needs_no_note():
    assert talk(description="On 24 April, 8:30 – 9:45 CEST.").quoted_zone_note == ""
    assert talk(description="Clusters meet CETA rules; the WESTERN Balkans.").quoted_zone_note == ""
    winter = EditionFactory(
        start_date=datetime.date(2024, 1, 10), start_time=datetime.time(9), description="9:00 CET"
    )
    assert winter.quoted_zone_note == ""


def test_an_online_edition_without_a_city_says_online_once():
    assert talk().format_said_by_place and talk().place == "Online"
    assert not EditionFactory(format="online", city="Brussels").format_said_by_place
    assert not EditionFactory().format_said_by_place


def test_the_online_talk_page_shows_one_zone_with_the_note_and_online_once(client):
    edition = talk(description="On 24 April, 8:30 – 9:45 CET.")
    html = client.get(edition.get_absolute_url()).content.decode()
    header = html.split('<header class="edition-header">')[1].split("</header>")[0]
    # The times in CEST; CET only in the note that says the quoted text has it.
    assert "CEST" in header and len(re.findall(r"\bCET\b", header)) == 1
    assert "the organisers’ text below says CET" in header
    # The decorative cover (hidden from screen readers) names its place large, as every cover does;
    # the header's text says "Online" once.
    text = re.sub(r'<div class="cover [^"]*" aria-hidden="true">.*?</div>', "", header, flags=re.S)
    assert text.count("Online") == 1
    assert '<h2 id="online">How to join</h2>' in html
