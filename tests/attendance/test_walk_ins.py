"""Walk-ins on the check-in page: approved and checked in at once, by the register form's
eligibility rule, refusing an address already registered, over the places if need be."""

import pytest

from attendance.models import Attendance
from registrations.models import Decision, Registration
from tests.attendance.conftest import FIRST_DAY
from tests.attendance.test_check_in_page import page_url
from tests.factories import AttendanceFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def walk_in(**fields):
    data = {
        "name": "Carla Walker",
        "email": "Carla@Example.ORG",
        "organisation": "Lisbon Agency",
        "country": "PT",
        "kind": "agency",
        **fields,
    }
    return {"walk_in": "1", **{f"walk_in-{name}": value for name, value in data.items()}}


def test_a_walk_in_is_approved_marked_and_checked_in_for_the_day(client, registration, team_member):
    client.force_login(team_member)
    answer = client.post(page_url(registration.edition), walk_in())
    assert answer.status_code == 302
    person = Registration.objects.get(email="carla@example.org")
    assert (person.status, person.walked_in, person.country.code, person.kind) == (
        "approved",
        True,
        "PT",
        "agency",
    )
    assert person.confirmed_at is not None
    assert list(person.attendances.values_list("day", "checked_in_by")) == [(FIRST_DAY, team_member.pk)]
    assert Decision.objects.get(registration=person).user == team_member
    page = client.get(answer["Location"]).content.decode()
    assert "Carla Walker is added as a walk-in and checked in." in page
    assert "1 present of 2 expected (1 walk-in)" in page
    assert "Lisbon Agency · walk-in" in page


def test_a_walk_in_from_outside_the_editions_group_is_refused_as_the_register_form_refuses(
    client, registration, organiser, eu_group
):
    edition = registration.edition
    edition.registration_group = eu_group
    edition.save()
    client.force_login(organiser)
    refused = client.post(page_url(edition), walk_in(country="NO"))
    assert refused.status_code == 400
    assert "open to participants from the EU member states only" in refused.content.decode()
    assert not Registration.objects.filter(walked_in=True).exists()
    admitted = client.post(page_url(edition), walk_in(country="PT"))
    assert admitted.status_code == 302


def test_an_address_already_registered_is_refused_with_an_offer_to_check_that_person_in(
    client, registration, organiser
):
    client.force_login(organiser)
    answer = client.post(page_url(registration.edition), walk_in(email=registration.email.upper()))
    text = answer.content.decode()
    assert answer.status_code == 400
    assert f"{registration.email}</strong> is already registered: Ana Lopes, approved." in text
    assert "Check in Ana Lopes instead" in text
    assert Registration.objects.count() == 1
    assert not Attendance.objects.exists()


def test_an_address_registered_but_not_approved_leads_to_its_registration(client, organiser, registration):
    waiting = RegistrationFactory(edition=registration.edition, status="waiting", email="w@example.org")
    client.force_login(organiser)
    text = client.post(page_url(registration.edition), walk_in(email="w@example.org")).content.decode()
    assert "on the waiting list" in text
    assert f"/admin/registrations/registration/{waiting.pk}/change/" in text
    assert "instead</button>" not in text


def test_a_walk_in_over_the_places_is_added_and_the_count_says_so(client, registration, organiser):
    edition = registration.edition
    edition.registration_places = 1
    edition.save()
    client.force_login(organiser)
    answer = client.post(page_url(edition), walk_in())
    assert answer.status_code == 302
    assert (
        "1 present of 2 expected (1 walk-in, 1 over the places)"
        in client.get(page_url(edition)).content.decode()
    )


def test_a_walk_in_with_details_missing_is_refused_with_the_reasons(client, registration, organiser):
    client.force_login(organiser)
    answer = client.post(page_url(registration.edition), walk_in(name="", email="not-an-address"))
    assert answer.status_code == 400
    assert "This field is required." in answer.content.decode()
    assert '<details class="check-in-walk-in" open>' in answer.content.decode()
    assert not Registration.objects.filter(walked_in=True).exists()


def test_another_team_cannot_add_a_walk_in(client, registration, other_team):
    client.force_login(other_team)
    assert client.post(page_url(registration.edition), walk_in()).status_code == 404
    assert not Registration.objects.filter(walked_in=True).exists()


def test_an_address_already_checked_in_today_says_so_instead_of_offering_the_button(
    client, registration, organiser
):
    AttendanceFactory(registration=registration, day=FIRST_DAY)
    client.force_login(organiser)
    text = client.post(page_url(registration.edition), walk_in(email=registration.email)).content.decode()
    assert "They are already checked in for 10 March." in text
    assert "instead</button>" not in text
