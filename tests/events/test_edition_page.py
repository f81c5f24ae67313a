"""The edition page in its two common states: a past edition with nothing but a title and a place
(most of the archive), and an upcoming one open for registration."""

import datetime

import pytest

from events.models import AgendaItem, Summary
from registrations.models import Registration
from tests.factories import EditionFactory
from tests.registrations_helpers import on_site_edition

pytestmark = pytest.mark.django_db


def test_a_summary_with_nothing_on_this_site_has_no_page_and_no_link_and_is_said_once(client, at):
    at(2025, 3, 1, 12, 0)
    edition = EditionFactory(start_date=datetime.date(2024, 11, 27))
    Summary.objects.create(edition=edition)
    assert client.get(f"/editions/{edition.slug}/summary/").status_code == 404
    html = client.get(edition.get_absolute_url()).content.decode()
    assert "/summary/" not in html
    assert html.count("published elsewhere") == 1
    assert "/summary/" not in client.get("/editions/").content.decode()


def test_a_short_page_leads_on_to_the_editions_of_its_country_then_its_year(client, at):
    at(2025, 3, 1, 12, 0)
    krakow = EditionFactory(title="Kraków", country="PL", start_date=datetime.date(2023, 12, 11))
    katowice = EditionFactory(title="Katowice", country="PL", start_date=datetime.date(2022, 11, 7))
    lyon = EditionFactory(title="Lyon", country="FR", start_date=datetime.date(2023, 10, 12))
    EditionFactory(title="Milan", country="IT", start_date=datetime.date(2024, 3, 26))
    EditionFactory(title="Draft", country="PL", status="draft")
    html = client.get(krakow.get_absolute_url()).content.decode()
    more = html.split('<section class="more-editions"')[1].split("</section>")[0]
    assert more.index("<h3>Also in Poland</h3>") < more.index(katowice.get_absolute_url())
    assert more.index("<h3>Also in 2023</h3>") < more.index(lyon.get_absolute_url())
    assert "Milan" not in more and "Draft" not in more and krakow.get_absolute_url() not in more


def test_the_place_is_drawn_on_a_close_up_map_beside_the_venue(client):
    edition = EditionFactory(city="Kraków", country="PL", latitude=50.0647, longitude=19.945)
    html = client.get(edition.get_absolute_url()).content.decode()
    venue = html.split('<section aria-labelledby="venue">')[1].split("</section>")[0]
    assert '<figure class="map place-map">' in venue and ">Kraków</text>" in venue
    left, top, width, height = (float(n) for n in venue.split('viewBox="')[1].split('"')[0].split())
    assert (width, height) == (400, 300) and left >= 0 and top >= 0
    unlocated = EditionFactory()
    assert "place-map" not in client.get(unlocated.get_absolute_url()).content.decode()


def test_while_registration_is_open_the_page_leads_with_places_left_the_venue_and_the_agenda(client, at):
    at(2030, 3, 1, 12, 0)
    edition = on_site_edition(
        format="in_person",
        registration_places=3,
        venue_name="Alfândega Congress Centre",
        travel="From the airport, **metro line E**.",
        description="About the workshop.",
    )
    AgendaItem.objects.create(
        edition=edition, day=edition.start_date, start_time=datetime.time(9), title="Welcome"
    )
    person = {"name": "A", "organisation": "Org", "country": "BE", "kind": "cluster"}
    Registration.objects.create(edition=edition, status="approved", email="a@example.org", **person)
    Registration.objects.create(edition=edition, status="pending", email="b@example.org", **person)
    html = client.get(edition.get_absolute_url()).content.decode()
    header = html.split('<header class="edition-header">')[1].split("</header>")[0]
    assert "2 places left" in header and "Alfândega Congress Centre, " in header
    assert '<a class="jump" href="#venue">Venue and getting there</a>' in header
    assert html.index('<h2 id="agenda">') < html.index('<h2 id="about">')
    assert "<h3>Getting there</h3>" in html and "<strong>metro line E</strong>" in html
    # Past editions keep the agenda after the description.
    at(2030, 5, 1, 12, 0)
    html = client.get(edition.get_absolute_url()).content.decode()
    assert html.index('<h2 id="about">') < html.index('<h2 id="agenda">') and "places left" not in html


def test_one_place_left_is_said_in_the_singular_and_none_left_says_the_waiting_list(client, at):
    at(2030, 3, 1, 12, 0)
    edition = on_site_edition(registration_places=1)
    assert "1 place left" in client.get(edition.get_absolute_url()).content.decode()
    person = {"name": "A", "organisation": "Org", "country": "BE", "kind": "cluster"}
    Registration.objects.create(edition=edition, status="approved", email="a@example.org", **person)
    edition.save()  # a new content revision: the cached page is drawn again
    assert "new requests join the waiting list" in client.get(edition.get_absolute_url()).content.decode()


def test_add_to_calendar_keeps_the_ics_label_in_one_piece_with_its_space(client, at):
    at(2030, 3, 1, 12, 0)
    edition = EditionFactory(start_date=datetime.date(2030, 4, 24))
    html = client.get(edition.get_absolute_url()).content.decode()
    assert '<span>Apple, Thunderbird and other apps <span class="nowrap">(.ics file)</span></span>' in html
