"""For an edition whose registrants are approved on this site, the join link reaches only them."""

import datetime

import icalendar
import pytest

from events import ics
from registrations.emails import calendar_bytes
from tests.factories import EditionFactory

pytestmark = pytest.mark.django_db

JOIN = "https://meet.example.org/secret-room"


@pytest.fixture
def talk(at):
    at(2024, 4, 1, 12, 0)
    return EditionFactory(
        format="online",
        online_url=JOIN,
        registration_mode="on_site",
        registration_places=50,
        start_date=datetime.date(2024, 4, 24),
        end_date=datetime.date(2024, 4, 24),
    )


def test_no_public_page_calendar_or_data_file_shows_the_join_link(client, talk):
    for url in [
        talk.get_absolute_url(),
        talk.get_absolute_url() + "calendar.ics",
        "/calendar.ics",
        "/editions.json",
        "/editions.csv",
        "/feeds/editions/",
        "/",
    ]:
        response = client.get(url)
        assert response.status_code == 200 and JOIN.encode() not in response.content, url


def test_a_registrants_own_calendar_carries_it(talk):
    [event] = icalendar.Calendar.from_ical(calendar_bytes(talk, talk.updated_at)).walk("VEVENT")
    assert str(event["LOCATION"]) == JOIN


def test_an_edition_registering_elsewhere_still_shows_its_link(talk):
    talk.registration_mode = "external"
    talk.registration_places = None
    talk.registration_url = "https://example.org/register"
    assert ics.location_text(talk) == JOIN
