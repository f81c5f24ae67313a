"""Coordinates from the offline gazetteer (events/geocoding.py) and the admin that fills them in."""

from decimal import Decimal

import pytest

from events.geocoding import locate

from .adminforms import form_data
from .factories import EditionFactory


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
