"""The invitation: one e-mail per attendee, the day after the edition's end in the venue's zone,
queued once however often the hourly command runs, sent through the queue to a real SMTP server."""

import datetime
import io
import re

import pytest
from django.core.management import call_command

from feedback.invitations import invite_all
from feedback.models import FeedbackMessage
from tests.factories import AttendanceFactory, EditionFactory, RegistrationFactory, SurveyFactory
from tests.registrations.test_flow_safety import at_once
from tests.registrations_helpers import run_worker

from .conftest import attendee

# Transactional: the worker (db_worker) closes the connection when its batch is done.
pytestmark = pytest.mark.django_db(transaction=True)


def hourly():
    out = io.StringIO()
    call_command("feedback_hourly", stdout=out)
    return out.getvalue()


def test_each_attendee_gets_one_email_with_their_own_link_even_when_the_hour_runs_twice(
    client, survey, smtp_server, time_machine
):
    edition = survey.edition
    attendee(survey, name="Bo", email="bo@example.org")
    RegistrationFactory(edition=edition, email="absent@example.org")  # approved, never checked in
    other = RegistrationFactory(email="elsewhere@example.org")
    AttendanceFactory(registration=other)  # another edition, without a survey

    time_machine.move_to("2026-03-12T10:00:00+00:00", tick=False)
    assert hourly() == "2 feedback invitation(s) queued.\n"
    assert hourly() == "0 feedback invitation(s) queued.\n"
    run_worker()
    run_worker()
    hourly()
    run_worker()

    assert sorted(m["To"] for m in smtp_server.messages) == ["ana@example.org", "bo@example.org"]
    (message,) = smtp_server.to("ana@example.org")
    assert message["Subject"] == f"What did you think of {edition.title}?"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    url = re.search(r"http://127\.0\.0\.1:8000(/feedback/[^\s]+/)", text).group(1)
    assert f'href="http://127.0.0.1:8000{url}"' in html and "Give my feedback" in html
    assert "until 25 March 2026" in text
    assert text.startswith("Dear Ana Attendee,")
    assert client.get(url).status_code == 200
    assert FeedbackMessage.objects.count() == 2
    assert FeedbackMessage.objects.filter(sent_at__isnull=False).count() == 2


def test_no_invitation_before_the_day_after_the_end_in_the_venues_zone(survey, smtp_server, time_machine):
    # Auckland is 13 hours ahead in March: its 12 March begins at 11:00 UTC on the 11th.
    far = EditionFactory(
        timezone="Pacific/Auckland",
        start_date=datetime.date(2026, 3, 10),
        end_date=datetime.date(2026, 3, 11),
    )
    far_survey = SurveyFactory(edition=far)
    attendee(far_survey, email="kiri@example.org")

    time_machine.move_to("2026-03-11T10:59:00+00:00", tick=False)
    assert invite_all() == 0
    time_machine.move_to("2026-03-11T11:00:00+00:00", tick=False)
    assert invite_all() == 1  # Auckland's 12 March; still the 11th in Brussels
    time_machine.move_to("2026-03-11T22:59:00+00:00", tick=False)
    assert invite_all() == 0
    time_machine.move_to("2026-03-11T23:00:00+00:00", tick=False)
    assert invite_all() == 1  # midnight in Brussels
    run_worker()
    assert sorted(m["To"] for m in smtp_server.messages) == ["ana@example.org", "kiri@example.org"]


def test_a_survey_created_late_still_invites_while_open_and_a_closed_one_never(smtp_server, time_machine):
    registration = RegistrationFactory(email="late@example.org")
    AttendanceFactory(registration=registration)
    time_machine.move_to("2026-03-20T08:00:00+00:00", tick=False)
    assert invite_all() == 0  # no survey yet
    SurveyFactory(edition=registration.edition)
    assert invite_all() == 1

    closed = RegistrationFactory(email="closed@example.org")
    AttendanceFactory(registration=closed)
    SurveyFactory(edition=closed.edition, closes_on=datetime.date(2026, 3, 15))
    assert invite_all() == 0
    run_worker()
    assert [m["To"] for m in smtp_server.messages] == ["late@example.org"]


def test_two_workers_at_once_queue_each_invitation_once(survey, smtp_server, time_machine):
    for n in range(5):
        attendee(survey, email=f"p{n}@example.org")
    time_machine.move_to("2026-03-12T10:00:00+00:00", tick=False)

    assert sum(at_once(2, invite_all)) == 6
    run_worker()
    assert len(smtp_server.messages) == 6
    assert len({m["To"] for m in smtp_server.messages}) == 6
