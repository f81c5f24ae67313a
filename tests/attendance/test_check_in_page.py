"""The check-in page of an edition's day (/admin/attendance/attendance/check-in/<edition>/<day>/):
search, tap to check in or undo, the running count, the days, and who may open it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from attendance.models import Attendance
from tests.attendance.conftest import FIRST_DAY, SECOND_DAY
from tests.factories import AttendanceFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def page_url(edition, day=FIRST_DAY):
    return f"/admin/attendance/attendance/check-in/{edition.pk}/{day.isoformat()}/"


def test_the_list_holds_the_approved_with_the_count_present_of_expected(client, registration, organiser):
    edition = registration.edition
    RegistrationFactory(edition=edition, name="Bruno Silva", organisation="Porto Tech")
    RegistrationFactory(edition=edition, name="Pending Person", status="pending")
    AttendanceFactory(registration=registration, day=FIRST_DAY)
    client.force_login(organiser)
    page = client.get(page_url(edition))
    text = page.content.decode()
    assert page.status_code == 200
    assert "1 present of 2 expected" in text
    assert "Ana Lopes" in text and "Bruno Silva" in text
    assert "Pending Person" not in text
    assert 'aria-label="Check in Bruno Silva"' in text
    assert 'aria-label="Undo the check-in of Ana Lopes"' in text


def test_search_finds_by_name_or_organisation_whatever_the_case(client, registration, organiser):
    edition = registration.edition
    RegistrationFactory(edition=edition, name="Bruno Silva", organisation="Porto Tech")
    client.force_login(organiser)
    by_name = client.get(page_url(edition), {"q": "lopes"}).content.decode()
    assert "Ana Lopes" in by_name and "Bruno Silva" not in by_name
    by_organisation = client.get(page_url(edition), {"q": "PORTO"}).content.decode()
    assert "Bruno Silva" in by_organisation and "Ana Lopes" not in by_organisation
    assert "Nobody approved matches" in client.get(page_url(edition), {"q": "zzz"}).content.decode()


def test_a_tap_checks_in_twice_is_once_and_undo_removes_it(client, registration, team_member):
    edition = registration.edition
    client.force_login(team_member)
    data = {"registration": registration.pk, "action": "check_in"}
    tapped = client.post(page_url(edition) + "?q=ana", data)
    client.post(page_url(edition), data)
    assert tapped.status_code == 302
    assert tapped["Location"] == page_url(edition)
    assert Attendance.objects.get().day == FIRST_DAY
    assert "1 present of 1 expected" in client.get(page_url(edition)).content.decode()
    undone = client.post(page_url(edition) + "?q=ana", {"registration": registration.pk, "action": "undo"})
    assert undone["Location"] == page_url(edition) + f"?q=ana#person-{registration.pk}"
    assert not Attendance.objects.exists()


def test_each_day_is_counted_apart_and_the_days_link_to_each_other(client, registration, organiser):
    AttendanceFactory(registration=registration, day=FIRST_DAY)
    client.force_login(organiser)
    second = client.get(page_url(registration.edition, SECOND_DAY)).content.decode()
    assert "0 present of 1 expected" in second
    assert f'href="{page_url(registration.edition, FIRST_DAY)}"' in second
    assert f'href="{page_url(registration.edition, SECOND_DAY)}" aria-current="page"' in second


def test_another_editions_registration_cannot_be_checked_in_from_this_page(client, registration, organiser):
    stranger = RegistrationFactory()
    client.force_login(organiser)
    answer = client.post(page_url(registration.edition), {"registration": stranger.pk, "action": "check_in"})
    assert answer.status_code == 404
    garbage = client.post(page_url(registration.edition), {"registration": "1 OR 1", "action": "check_in"})
    assert garbage.status_code == 404
    assert not Attendance.objects.exists()


def test_another_team_guessing_the_editions_number_finds_nothing(client, registration, other_team):
    client.force_login(other_team)
    assert client.get(page_url(registration.edition)).status_code == 404
    posted = client.post(
        page_url(registration.edition), {"registration": registration.pk, "action": "check_in"}
    )
    assert posted.status_code == 404
    assert not Attendance.objects.exists()


def test_without_signing_in_the_page_is_the_admins_login(client, registration):
    answer = client.get(page_url(registration.edition))
    assert answer.status_code == 302
    assert answer["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("day", ["2026-03-09", "2026-03-12", "2026-02-30", "tuesday", "2026-3-10x"])
def test_a_day_outside_the_edition_or_not_a_date_is_not_found(client, registration, organiser, day):
    client.force_login(organiser)
    url = f"/admin/attendance/attendance/check-in/{registration.edition.pk}/{day}/"
    assert client.get(url).status_code == 404


def test_the_editions_address_leads_to_todays_page_during_it_else_the_first_day(
    client, registration, organiser, time_machine
):
    client.force_login(organiser)
    url = f"/admin/attendance/attendance/check-in/{registration.edition.pk}/"
    time_machine.move_to("2026-03-11T10:00:00+00:00", tick=False)
    assert client.get(url)["Location"] == page_url(registration.edition, SECOND_DAY)
    time_machine.move_to("2026-05-01T10:00:00+00:00", tick=False)
    assert client.get(url)["Location"] == page_url(registration.edition, FIRST_DAY)


def test_the_page_asks_the_same_queries_for_200_registrants(client, registration, organiser):
    edition = registration.edition
    client.force_login(organiser)
    client.get(page_url(edition))
    with CaptureQueriesContext(connection) as few:
        client.get(page_url(edition))
    people = RegistrationFactory.create_batch(199, edition=edition)
    Attendance.objects.bulk_create(Attendance(registration=person, day=FIRST_DAY) for person in people[:120])
    with CaptureQueriesContext(connection) as many:
        page = client.get(page_url(edition))
    assert "120 present of 200 expected" in page.content.decode()
    # Session, user, permissions (2), group, edition, the admin's own three, the count, the list.
    assert len(many) == len(few) <= 11
