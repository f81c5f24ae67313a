"""The signed check-in link (/check-in/<token>/): one button for the edition's team, nothing
personal for anyone else, refused when forged or cancelled."""

import pytest
from django.contrib.auth.models import Permission

from attendance.models import Attendance
from registrations.models import Registration
from tests.attendance.conftest import FIRST_DAY, SECOND_DAY
from tests.factories import AttendanceFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def test_the_link_is_signed_with_its_own_salt_and_differs_from_the_registrants_other_links(registration):
    url = registration.check_in_url()
    assert url.startswith("/check-in/")
    token = registration.check_in_token()
    assert token not in (registration.manage_token(), registration.confirm_token())
    assert Registration.CHECK_IN_SALT not in (Registration.MANAGE_SALT, Registration.CONFIRM_SALT)


def test_without_signing_in_the_page_says_what_the_code_is_and_nothing_personal(
    client, registration, on_the_day
):
    page = client.get(registration.check_in_url())
    assert page.status_code == 200
    text = page.content.decode()
    assert "check-in code" in text
    assert registration.name not in text
    assert registration.organisation not in text
    assert registration.edition.title not in text
    assert "Check in for" not in text
    assert f"/admin/login/?next=%2Fcheck-in%2F{registration.check_in_token().replace(':', '%3A')}" in text


def test_a_post_without_signing_in_records_nothing(client, registration, on_the_day):
    client.post(registration.check_in_url(), {"action": "check_in"})
    assert not Attendance.objects.exists()


def test_another_editions_team_sees_nothing_personal_and_cannot_check_in(
    client, registration, other_team, on_the_day
):
    client.force_login(other_team)
    page = client.get(registration.check_in_url())
    assert page.status_code == 200
    assert registration.name not in page.content.decode()
    assert "does not run this edition" in page.content.decode()
    client.post(registration.check_in_url(), {"action": "check_in"})
    assert not Attendance.objects.exists()


def test_the_team_sees_the_person_and_one_button_for_today(client, registration, team_member, on_the_day):
    client.force_login(team_member)
    page = client.get(registration.check_in_url())
    text = page.content.decode()
    assert page["Cache-Control"].startswith("max-age=0")
    assert registration.name in text
    assert registration.organisation in text
    assert "Approved" in text
    assert text.count("Check in for Tuesday 10 March") == 1
    assert "Not yet" in text


def test_checking_in_twice_on_the_same_day_is_one_row_then_a_clear_success(
    client, registration, team_member, on_the_day
):
    client.force_login(team_member)
    first = client.post(registration.check_in_url(), {"action": "check_in"})
    second = client.post(registration.check_in_url(), {"action": "check_in"})
    assert first.status_code == second.status_code == 302
    (attendance,) = Attendance.objects.all()
    assert (attendance.registration, attendance.day, attendance.checked_in_by) == (
        registration,
        FIRST_DAY,
        team_member,
    )
    page = client.get(second["Location"])
    text = page.content.decode()
    assert "Ana Lopes is checked in for Tuesday 10 March." in text
    assert "Present on Tuesday 10 March" in text
    assert "Check in for" not in text


def test_the_check_in_of_the_day_can_be_undone(client, registration, organiser, on_the_day):
    client.force_login(organiser)
    client.post(registration.check_in_url(), {"action": "check_in"})
    undone = client.post(registration.check_in_url(), {"action": "undo"})
    assert not Attendance.objects.exists()
    assert "is undone" in client.get(undone["Location"]).content.decode()


def test_the_second_day_is_a_day_of_its_own(client, registration, organiser, time_machine):
    AttendanceFactory(registration=registration, day=FIRST_DAY)
    time_machine.move_to("2026-03-11T07:30:00+00:00", tick=False)
    client.force_login(organiser)
    page = client.get(registration.check_in_url())
    assert "Check in for Wednesday 11 March" in page.content.decode()
    assert "Tue 10 Mar" in page.content.decode()
    client.post(registration.check_in_url(), {"action": "check_in"})
    assert sorted(registration.attendances.values_list("day", flat=True)) == [FIRST_DAY, SECOND_DAY]


def test_the_day_is_the_venues_just_after_midnight_in_brussels(client, registration, organiser, time_machine):
    # 23:30 UTC on 9 March is 00:30 on 10 March in Brussels.
    time_machine.move_to("2026-03-09T23:30:00+00:00", tick=False)
    client.force_login(organiser)
    assert "Check in for Tuesday 10 March" in client.get(registration.check_in_url()).content.decode()


@pytest.mark.parametrize(
    ("moment", "says"),
    [
        ("2026-03-09T08:00:00+00:00", "check-in opens on Tuesday 10 March 2026"),
        ("2026-03-12T08:00:00+00:00", "The edition is over"),
    ],
)
def test_before_or_after_the_edition_there_is_no_button_and_a_post_records_nothing(
    client, registration, organiser, time_machine, moment, says
):
    time_machine.move_to(moment, tick=False)
    client.force_login(organiser)
    text = client.get(registration.check_in_url()).content.decode()
    assert says in text
    assert "Check in for" not in text
    assert client.post(registration.check_in_url(), {"action": "check_in"}).status_code == 409
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("status", ["pending", "waiting", "declined", "offered"])
def test_a_registrant_who_is_not_approved_gets_no_button(client, organiser, on_the_day, status):
    extra = {"offer_expires_at": "2026-03-12T00:00:00+00:00"} if status == "offered" else {}
    registration = RegistrationFactory(status=status, **extra)
    client.force_login(organiser)
    text = client.get(registration.check_in_url()).content.decode()
    assert "is not approved" in text
    assert "Check in for" not in text
    assert client.post(registration.check_in_url(), {"action": "check_in"}).status_code == 409
    assert not Attendance.objects.exists()


def test_a_cancelled_registrations_code_is_refused(client, organiser, on_the_day):
    registration = RegistrationFactory(status="cancelled")
    client.force_login(organiser)
    page = client.get(registration.check_in_url())
    assert page.status_code == 410
    assert "is cancelled" in page.content.decode()
    assert client.post(registration.check_in_url(), {"action": "check_in"}).status_code == 410
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("signed_in", [False, True])
def test_a_forged_or_altered_code_is_refused_clearly(client, registration, organiser, on_the_day, signed_in):
    if signed_in:
        client.force_login(organiser)
    token = registration.check_in_token()
    altered = token[:-2] + ("xx" if not token.endswith("xx") else "yy")  # never the token itself
    for forged in [altered, registration.link_key, registration.manage_token(), "nonsense"]:
        page = client.get(f"/check-in/{forged}/")
        assert page.status_code == 404
        assert "not valid" in page.content.decode()
        assert client.post(f"/check-in/{forged}/", {"action": "check_in"}).status_code == 404
    assert not Attendance.objects.exists()


def test_a_deleted_registrations_code_is_refused(client, registration, organiser):
    url = registration.check_in_url()
    registration.delete()
    client.force_login(organiser)
    assert client.get(url).status_code == 404


def test_undo_without_the_permission_to_delete_is_refused_and_checks_nobody_in(
    client, registration, team_member, on_the_day
):
    team_member.groups.clear()
    team_member.user_permissions.add(Permission.objects.get(codename="add_attendance"))
    client.force_login(team_member)
    assert client.post(registration.check_in_url(), {"action": "undo"}).status_code == 403
    assert not Attendance.objects.exists()
    page = client.get(registration.check_in_url()).content.decode()
    assert "Check in for Tuesday 10 March" in page
