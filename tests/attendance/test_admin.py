"""Attendance in the admin: the days on a registration's page, the attended / no-show filter, the
CSV's columns, the links to the check-in pages; anonymising a registration keeps its attendance."""

import csv
import datetime
import io

import pytest

from attendance.models import Attendance
from registrations.management.commands.registrations_retention import anonymise
from tests.attendance.conftest import FIRST_DAY, SECOND_DAY
from tests.attendance.test_check_in_page import page_url
from tests.factories import AttendanceFactory, EditionFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

REGISTRATIONS = "/admin/registrations/registration/"


def export(client, *registrations):
    answer = client.post(
        REGISTRATIONS, {"action": "export_csv", "_selected_action": [r.pk for r in registrations]}
    )
    return list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig"))))


def test_the_csv_says_who_walked_in_and_the_days_each_attended(client, registration, organiser):
    AttendanceFactory(registration=registration, day=SECOND_DAY)
    AttendanceFactory(registration=registration, day=FIRST_DAY)
    walker = RegistrationFactory(edition=registration.edition, walked_in=True, name="Carla Walker")
    AttendanceFactory(registration=walker, day=SECOND_DAY)
    absent = RegistrationFactory(edition=registration.edition, name="Absent Person")
    client.force_login(organiser)
    rows = {row["name"]: row for row in export(client, registration, walker, absent)}
    assert rows["Ana Lopes"]["days_attended"] == "2026-03-10 2026-03-11"
    assert rows["Ana Lopes"]["walk_in"] == "no"
    assert (rows["Carla Walker"]["walk_in"], rows["Carla Walker"]["days_attended"]) == ("yes", "2026-03-11")
    assert rows["Absent Person"]["days_attended"] == ""


def test_the_registrations_page_lists_the_days_attended(client, registration, organiser):
    AttendanceFactory(registration=registration, day=SECOND_DAY, checked_in_by=organiser)
    client.force_login(organiser)
    page = client.get(f"{REGISTRATIONS}{registration.pk}/change/").content.decode()
    assert "Days attended" in page
    assert "Wed 11 March 2026" in page
    assert "Tue 10 March 2026" not in page


def test_the_list_filters_those_who_attended_and_the_no_shows_of_past_editions(
    client, registration, organiser, time_machine
):
    time_machine.move_to("2026-04-01T10:00:00+00:00", tick=False)
    AttendanceFactory(registration=registration, day=FIRST_DAY)
    RegistrationFactory(edition=registration.edition, name="Absent Person")
    RegistrationFactory(edition=registration.edition, name="Declined Person", status="declined")
    upcoming = EditionFactory(start_date=datetime.date(2026, 6, 1), end_date=datetime.date(2026, 6, 1))
    RegistrationFactory(edition=upcoming, name="Future Person")
    client.force_login(organiser)
    attended = client.get(REGISTRATIONS, {"attendance": "attended"}).context["cl"].result_list
    assert [r.name for r in attended] == ["Ana Lopes"]
    no_shows = client.get(REGISTRATIONS, {"attendance": "no_show"}).context["cl"].result_list
    assert [r.name for r in no_shows] == ["Absent Person"]


def test_the_edition_and_its_registrations_link_to_the_check_in_pages(client, registration, team_member):
    edition = registration.edition
    client.force_login(team_member)
    form = client.get(f"/admin/events/edition/{edition.pk}/change/").content.decode()
    assert f'href="{page_url(edition, FIRST_DAY)}"' in form
    assert f'href="{page_url(edition, SECOND_DAY)}"' in form
    listing = client.get(REGISTRATIONS, {"edition__id__exact": edition.pk}).content.decode()
    assert f'href="/admin/attendance/attendance/check-in/{edition.pk}/">Check-in</a>' in listing


def test_another_teams_list_filtered_by_this_edition_has_no_check_in_link(client, registration, other_team):
    client.force_login(other_team)
    listing = client.get(REGISTRATIONS, {"edition__id__exact": registration.edition.pk}).content.decode()
    assert "/admin/attendance/attendance/check-in/" not in listing


def test_the_attendance_rows_of_another_team_are_out_of_sight(client, registration, other_team):
    AttendanceFactory(registration=registration)
    client.force_login(other_team)
    listing = client.get("/admin/attendance/attendance/")
    assert listing.context["cl"].result_count == 0
    assert "Ana Lopes" not in listing.content.decode()


def test_anonymising_a_registration_keeps_its_attendance(registration, time_machine):
    AttendanceFactory(registration=registration, day=FIRST_DAY)
    time_machine.move_to("2026-06-01T10:00:00+00:00", tick=False)
    assert anonymise() == 1
    registration.refresh_from_db()
    assert registration.name == ""
    assert list(Attendance.objects.values_list("registration", "day")) == [(registration.pk, FIRST_DAY)]
