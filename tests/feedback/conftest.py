"""A past edition's survey with one question of each kind, and its attendees (tests/factories)."""

import datetime

import pytest

from feedback.models import SurveyChoice, SurveyQuestion
from tests.factories import AttendanceFactory, RegistrationFactory, SurveyFactory

# The factories' edition: 10 and 11 March 2026 in Brussels. Its survey closes on 25 March.
DURING = datetime.datetime(2026, 3, 11, 15, 0, tzinfo=datetime.UTC)
AFTER = datetime.datetime(2026, 3, 13, 9, 0, tzinfo=datetime.UTC)
CLOSED = datetime.datetime(2026, 3, 26, 9, 0, tzinfo=datetime.UTC)


def question(survey, label, kind, *choices, required=False):
    asked = SurveyQuestion.objects.create(
        survey=survey, label=label, kind=kind, required=required, order=SurveyQuestion.objects.count()
    )
    for order, choice in enumerate(choices):
        SurveyChoice.objects.create(question=asked, label=choice, order=order)
    return asked


@pytest.fixture
def survey(db):
    attendee = RegistrationFactory(name="Ana Attendee", email="ana@example.org")
    AttendanceFactory(registration=attendee)
    survey = SurveyFactory(edition=attendee.edition, intro="Two minutes, to plan the next ones.")
    question(survey, "What was best?", "long_text")
    question(survey, "Which session helped most?", "one_choice", "Site visit", "Matchmaking", required=True)
    question(survey, "What should we keep?", "several_choices", "Coffee", "Workshops", "Dinner")
    question(survey, "Would you come again?", "yes_no")
    return survey


@pytest.fixture
def ana(survey):
    return survey.edition.registrations.get(email="ana@example.org")


def attendee(survey, **fields):
    registration = RegistrationFactory(edition=survey.edition, **fields)
    AttendanceFactory(registration=registration)
    return registration


def choice(survey, label):
    return SurveyChoice.objects.get(question__survey=survey, label=label)


def answers(survey, *, rating=4, best="", session="Site visit", keep=(), again=None):
    """The answer page's POST data."""
    by_label = {q.label: f"question_{q.pk}" for q in survey.questions.all()}
    data = {"rating": str(rating), by_label["What was best?"]: best}
    if session:
        data[by_label["Which session helped most?"]] = str(choice(survey, session).pk)
    data[by_label["What should we keep?"]] = [str(choice(survey, label).pk) for label in keep]
    if again is not None:
        data[by_label["Would you come again?"]] = "yes" if again else "no"
    return data
