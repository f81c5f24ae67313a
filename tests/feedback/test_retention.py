"""Feedback kept with the registration's retention: anonymised, a registration's free text goes;
its rating and choices stay for the figures, tied to nobody."""

import datetime

import pytest

from feedback.models import FeedbackMessage, Response, ResponseAnswer, answer_url
from feedback.results import results
from registrations.management.commands.registrations_retention import anonymise
from tests.factories import EditionFactory, SurveyFactory

from .conftest import AFTER, answers, attendee, question

pytestmark = pytest.mark.django_db


def test_anonymising_a_registration_clears_its_free_text_and_keeps_rating_and_choices(
    client, survey, ana, time_machine, settings
):
    later = SurveyFactory(edition=EditionFactory(start_date=datetime.date(2026, 5, 20)))
    question(later, "What was best?", "long_text")
    kept = attendee(later, email="kept@example.org")
    time_machine.move_to(AFTER, tick=False)
    client.post(answer_url(ana), answers(survey, rating=4, best="Meeting Jan from Gdańsk", keep=["Coffee"]))
    time_machine.move_to("2026-05-25T09:00:00+00:00", tick=False)
    client.post(answer_url(kept), {"rating": "5", f"question_{later.questions.get().pk}": "Jan's talk"})
    FeedbackMessage.objects.create(survey=survey, registration=ana)
    FeedbackMessage.objects.create(survey=later, registration=kept)

    # 30 days after the March edition, not yet after the May one.
    settings.REGISTRATION_RETENTION_DAYS = 30
    assert anonymise(now=datetime.datetime(2026, 5, 1, tzinfo=datetime.UTC)) == 1

    assert Response.objects.count() == 2
    assert list(ResponseAnswer.objects.exclude(text="").values_list("text", flat=True)) == ["Jan's talk"]
    found = results(survey)
    assert (found.responses, found.average) == (1, 4)
    by_label = {r.question.label: r for r in found.questions}
    assert by_label["What was best?"].texts == []
    assert [(c.label, c.count) for c in by_label["What should we keep?"].counts] == [
        ("Coffee", 1),
        ("Workshops", 0),
        ("Dinner", 0),
    ]
    assert [(c.label, c.count) for c in by_label["Which session helped most?"].counts][0] == ("Site visit", 1)
    assert list(FeedbackMessage.objects.values_list("registration", flat=True)) == [kept.pk]
