"""The survey in the admin: its questions, its results equal to a hand count, a CSV without
names, and a host team that reaches its own edition's survey only."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.urls import reverse

from events.roles import HOST_TEAMS
from feedback.models import Survey, SurveyQuestion, answer_url
from tests.factories import EditionFactory, SurveyFactory

from .conftest import AFTER, answers, attendee, question

pytestmark = pytest.mark.django_db

# (rating, best, session, keep, again) for five attendees: the hand count below follows from these.
GIVEN = [
    (5, "The site visit", "Site visit", ["Coffee", "Workshops"], True),
    (4, "", "Matchmaking", ["Workshops"], True),
    (4, "Meeting peers", "Site visit", [], False),
    (2, "", "Site visit", ["Dinner", "Workshops"], None),
    (5, "Everything", "Matchmaking", ["Workshops"], True),
]


@pytest.fixture
def answered(client, survey, time_machine):
    time_machine.move_to(AFTER, tick=False)
    for n, (rating, best, session, keep, again) in enumerate(GIVEN):
        person = attendee(survey, name=f"Named Person {n}", email=f"named{n}@example.org")
        data = answers(survey, rating=rating, best=best, session=session, keep=keep, again=again)
        assert client.post(answer_url(person), data).status_code == 302
    attendee(survey, email="silent@example.org")  # attended, did not answer
    return survey


def results_url(survey):
    return reverse("admin:feedback_survey_results", args=[survey.pk])


def csv_url(survey):
    return reverse("admin:feedback_survey_csv", args=[survey.pk])


def test_the_results_equal_a_hand_count(admin_client, answered):
    page = admin_client.get(results_url(answered)).content.decode()
    # Ana and the silent attendee answered nothing: 5 responses from 7 attendees.
    assert "5 responses from 7 attendees (71&nbsp;%)" in page
    assert "Average rating: <strong>4.0 out of 5</strong>" in page
    for label, count, share in [
        ("1 Poor", 0, 0),
        ("2 Fair", 1, 20),
        ("4 Very good", 2, 40),
        ("5 Excellent", 2, 40),
    ]:
        assert f'<tr><th scope="row">{label}</th><td>{count}</td><td>{share}&nbsp;%</td></tr>' in page
    for label, count in [
        ("Site visit", 3),
        ("Matchmaking", 2),
        ("Coffee", 1),
        ("Workshops", 4),
        ("Dinner", 1),
    ]:
        assert f'<tr><th scope="row">{label}</th><td>{count}</td>' in page
    assert (
        '<tr><th scope="row">Yes</th><td>3</td>' in page and '<tr><th scope="row">No</th><td>1</td>' in page
    )
    assert "3 answers, oldest first" in page
    for text in ("The site visit", "Meeting peers", "Everything"):
        assert f"<li>{text}</li>" in page
    assert "Named Person" not in page and "@example.org" not in page


def test_the_csv_has_one_row_per_response_and_no_names_or_addresses(admin_client, answered):
    response = admin_client.get(csv_url(answered))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [
        "response",
        "saved on",
        "overall rating",
        "What was best?",
        "Which session helped most?",
        "What should we keep?",
        "Would you come again?",
    ]
    assert [row[0] for row in rows[1:]] == ["1", "2", "3", "4", "5"]
    assert rows[1][2:] == ["5", "The site visit", "Site visit", "Coffee; Workshops", "Yes"]
    assert rows[4][2:] == ["2", "", "Site visit", "Workshops; Dinner", ""]
    assert "Named Person" not in text and "@" not in text and "Ana" not in text


def test_an_answer_or_label_that_reads_as_a_formula_is_text_in_the_csv(
    admin_client, client, survey, time_machine
):
    time_machine.move_to(AFTER, tick=False)
    question(survey, "=HYPERLINK(1)", "short_text")
    person = attendee(survey)
    data = answers(survey, best="+SUM(A1)")
    data[f"question_{survey.questions.get(label='=HYPERLINK(1)').pk}"] = "@cmd"
    assert client.post(answer_url(person), data).status_code == 302
    rows = list(csv.reader(io.StringIO(admin_client.get(csv_url(survey)).content.decode("utf-8-sig"))))
    assert rows[0][-1] == "'=HYPERLINK(1)"
    assert rows[1][3] == "'+SUM(A1)" and rows[1][-1] == "'@cmd"


def test_a_questions_kind_is_fixed_once_answered(answered):
    asked = SurveyQuestion.objects.get(label="What was best?")
    asked.kind = "short_text"
    with pytest.raises(ValidationError, match="its kind stays as it is"):
        asked.full_clean()
    unanswered = question(answered, "Anything else?", "long_text")
    unanswered.kind = "short_text"
    unanswered.full_clean()


@pytest.fixture
def vera(db):
    user = User.objects.create_user("vera", "vera@example.org", is_staff=True)
    user.groups.add(Group.objects.get(name=HOST_TEAMS))
    return User.objects.get(pk=user.pk)


def test_a_host_team_sees_and_edits_only_its_editions_survey(client, answered, vera):
    ours = SurveyFactory(edition=EditionFactory(title="Vilnius 2030"))
    ours.edition.team.add(vera)
    client.force_login(vera)
    theirs = answered

    listed = client.get(reverse("admin:feedback_survey_changelist")).content.decode()
    assert "Vilnius 2030" in listed and theirs.edition.title not in listed
    assert client.get(results_url(ours)).status_code == 200
    for url in (results_url(theirs), csv_url(theirs)):
        assert client.get(url).status_code == 404
    for pk in range(1, Survey.objects.order_by("-pk").first().pk + 5):  # every id, guessed
        if pk != ours.pk:
            assert client.get(results_url(Survey(pk=pk))).status_code == 404
    change = reverse("admin:feedback_survey_change", args=[theirs.pk])
    assert client.get(change).status_code == 302  # Django's "does not exist" back to the list
    their_question = theirs.questions.first()
    assert (
        client.get(reverse("admin:feedback_surveyquestion_change", args=[their_question.pk])).status_code
        == 302
    )
    form = client.get(reverse("admin:feedback_surveyquestion_add")).content.decode()
    assert "Vilnius 2030" in form and theirs.edition.title not in form
    client.post(
        reverse("admin:feedback_surveyquestion_add"),
        {"survey": theirs.pk, "label": "Hijack", "kind": "long_text", "order": 0, **empty_choices()},
    )
    assert not SurveyQuestion.objects.filter(label="Hijack").exists()


def empty_choices():
    return {
        "choices-TOTAL_FORMS": "0",
        "choices-INITIAL_FORMS": "0",
        "choices-MIN_NUM_FORMS": "0",
        "choices-MAX_NUM_FORMS": "50",
    }


def test_an_organiser_adds_a_survey_and_a_choice_question_from_the_admin(admin_client):
    edition = EditionFactory(title="Zagreb 2030")
    admin_client.post(
        reverse("admin:feedback_survey_add"),
        {"edition": edition.pk, "intro": "Tell us.", "closes_on": "2030-05-01"},
    )
    survey = Survey.objects.get(edition=edition)
    page = admin_client.get(reverse("admin:feedback_survey_change", args=[survey.pk])).content.decode()
    assert "The overall rating from 1 to 5" in page and "See the results" in page
    data = {
        "survey": survey.pk,
        "label": "Which day?",
        "kind": "one_choice",
        "order": 0,
        **empty_choices(),
        "choices-TOTAL_FORMS": "2",
        "choices-0-label": "Monday",
        "choices-0-order": "0",
        "choices-1-label": "Tuesday",
        "choices-1-order": "1",
    }
    assert admin_client.post(reverse("admin:feedback_surveyquestion_add"), data).status_code == 302
    assert list(survey.questions.get().choices.values_list("label", flat=True)) == ["Monday", "Tuesday"]
    assert (
        "“Which day?”"
        in admin_client.get(reverse("admin:feedback_survey_change", args=[survey.pk])).content.decode()
    )


def test_a_survey_closes_after_the_day_its_invitations_go(admin_client):
    edition = EditionFactory(title="Zagreb 2030")  # 27 and 28 November 2024
    page = admin_client.post(
        reverse("admin:feedback_survey_add"), {"edition": edition.pk, "closes_on": "2024-11-28"}
    )
    assert "Attendees are invited the day after the edition" in page.content.decode()
    assert not Survey.objects.exists()
    admin_client.post(
        reverse("admin:feedback_survey_add"), {"edition": edition.pk, "closes_on": "2024-11-29"}
    )
    assert Survey.objects.get().closes_on.isoformat() == "2024-11-29"
