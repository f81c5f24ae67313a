"""The organisers' questions on the register page: each kind asked with its widget, answers
stored with the request, bad input refused, answers kept while they exist and gone with the person."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.db.models import RestrictedError

from registrations import flow
from registrations.answers import given
from registrations.management.commands.registrations_retention import anonymise
from registrations.models import Answer, Question, QuestionChoice, Registration
from tests.registrations_helpers import on_site_edition

pytestmark = pytest.mark.django_db

Kind = Question.Kind


def url(edition):
    return f"/editions/{edition.slug}/register/"


def form(**fields):
    return {
        "name": "Ana Example",
        "email": "ana@example.org",
        "organisation": "A cluster",
        "country": "BE",
        "kind": "cluster",
        "consent": "on",
        "website": "",
        **fields,
    }


def ask(edition, label, kind=Kind.SHORT_TEXT, choices=(), order=0, **fields):
    question = Question.objects.create(edition=edition, label=label, kind=kind, order=order, **fields)
    for n, choice in enumerate(choices):
        QuestionChoice.objects.create(question=question, label=choice, order=n)
    return question


def field(question):
    return f"question_{question.pk}"


def choice(question, label):
    return str(question.choices.get(label=label).pk)


@pytest.fixture
def edition():
    return on_site_edition()


@pytest.fixture
def questions(edition):
    """One question of each kind, in the order the form asks them."""
    return {
        "role": ask(edition, "Your role", required=True, order=1, help_text="As on your badge."),
        "access": ask(edition, "Access needs", Kind.LONG_TEXT, order=2),
        "visit": ask(edition, "Which site visit?", Kind.ONE_CHOICE, ["Port", "Lab"], required=True, order=3),
        "diet": ask(edition, "Dietary needs", Kind.SEVERAL_CHOICES, ["Vegetarian", "No nuts", "Halal"], 4),
        "dinner": ask(edition, "Will you join the dinner?", Kind.YES_NO, required=True, order=5),
    }


def required_answers(q):
    return {
        field(q["role"]): "Chair",
        field(q["visit"]): choice(q["visit"], "Port"),
        field(q["dinner"]): "yes",
    }


def fieldset(page, question):
    """The <fieldset> that asks a question of choices."""
    pattern = rf"<fieldset>((?:(?!</fieldset>).)*{field(question)}.*?)</fieldset>"
    return re.search(pattern, page, re.S).group(1)


def test_the_form_asks_each_kind_of_question_with_its_widget_label_help_and_marking(client, questions):
    page = client.get(url(questions["role"].edition)).content.decode()

    role, access = questions["role"], questions["access"]
    assert f'<label for="id_{field(role)}">Your role</label>' in page
    assert re.search(rf'<input type="text" name="{field(role)}"[^>]*maxlength="200"[^>]*required', page)
    assert f'aria-describedby="id_{field(role)}_helptext"' in page
    assert f'<p class="note" id="id_{field(role)}_helptext">As on your badge.</p>' in page
    assert f'<label for="id_{field(access)}">Access needs (optional)</label>' in page
    assert re.search(rf'<textarea name="{field(access)}"[^>]*maxlength="2000"', page)

    visit = fieldset(page, questions["visit"])
    assert visit.startswith("<legend>Which site visit?</legend>")
    assert visit.count('type="radio"') == 2 and re.search(r">\s*Port</label>", visit)
    diet = fieldset(page, questions["diet"])
    assert diet.startswith("<legend>Dietary needs (optional)</legend>")
    assert diet.count('type="checkbox"') == 3
    dinner = fieldset(page, questions["dinner"])
    assert re.findall(r'value="(\w+)"', dinner) == ["yes", "no"]

    # After the person's details, in the organisers' order, before the consent box.
    names = ["kind", *map(field, questions.values()), "consent"]
    positions = [page.index(f'name="{name}"') for name in names]
    assert positions == sorted(positions)


def test_a_question_no_longer_asked_leaves_the_form_and_one_added_appears_at_once(client, edition):
    old = ask(edition, "Old question")
    assert "Old question" in client.get(url(edition)).content.decode()  # the page is now kept rendered
    old.is_asked = False
    old.save()
    ask(edition, "New question")
    page = client.get(url(edition)).content.decode()
    assert "Old question" not in page and "New question" in page


def test_the_answers_to_every_kind_are_stored_with_the_request(client, questions):
    q = questions
    answers = {
        field(q["role"]): "Cluster manager",
        field(q["access"]): "Step-free access,\nplease.",
        field(q["visit"]): choice(q["visit"], "Lab"),
        field(q["diet"]): [choice(q["diet"], "Vegetarian"), choice(q["diet"], "Halal")],
        field(q["dinner"]): "no",
    }
    response = client.post(url(q["role"].edition), form(**answers))
    assert b"Check your inbox" in response.content

    registration = Registration.objects.get()
    given = {a.question.label: a.display for a in registration.answers.in_question_order()}
    assert given == {
        "Your role": "Cluster manager",
        "Access needs": "Step-free access,\nplease.",
        "Which site visit?": "Lab",
        "Dietary needs": "Vegetarian; Halal",
        "Will you join the dinner?": "No",
    }
    assert registration.answers.get(question=q["dinner"]).yes is False


def test_an_optional_question_left_blank_stores_no_answer_and_a_required_one_is_an_error(client, questions):
    q = questions
    client.post(url(q["role"].edition), form(**required_answers(q)))
    assert sorted(Answer.objects.values_list("question__label", flat=True)) == [
        "Which site visit?",
        "Will you join the dinner?",
        "Your role",
    ]

    response = client.post(url(q["role"].edition), form(email="bo@example.org", **{field(q["role"]): " "}))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {field(q["role"]), field(q["visit"]), field(q["dinner"])}
    assert errors[field(q["role"])] == ["This field is required."]
    assert not Registration.objects.filter(email="bo@example.org").exists()


@pytest.mark.parametrize(
    ("question", "value", "error"),
    [
        ("visit", "999999", "Select a valid choice"),
        ("visit", "other-question", "Select a valid choice"),
        ("diet", ["999999"], "Select a valid choice"),
        ("dinner", "maybe", "Select a valid choice"),
        ("role", "x" * 201, "at most 200 characters"),
        ("access", "x" * 2001, "at most 2000 characters"),
    ],
)
def test_a_forged_choice_or_an_over_long_text_is_a_form_error_and_nothing_is_stored(
    client, questions, question, value, error
):
    q = questions
    if value == "other-question":
        value = choice(q["diet"], "No nuts")  # a real choice, of another question
    response = client.post(url(q["role"].edition), form(**{**required_answers(q), field(q[question]): value}))
    assert response.status_code == 400
    assert error in " ".join(response.context["form"].errors[field(q[question])])
    assert not Registration.objects.exists() and not Answer.objects.exists()


def test_a_question_of_another_edition_is_neither_asked_nor_stored(client, edition):
    other = ask(on_site_edition(), "Elsewhere")
    response = client.post(url(edition), form(**{field(other): "sneaked in"}))
    assert b"Check your inbox" in response.content
    assert "Elsewhere" not in client.get(url(edition)).content.decode()
    assert not Answer.objects.exists()


def test_asking_afresh_replaces_the_answers_and_a_standing_request_keeps_its_own(edition, time_machine):
    time_machine.move_to(datetime.datetime(2030, 4, 1, 12, tzinfo=datetime.UTC), tick=False)
    role = ask(edition, "Your role")
    person = {"email": "ana@example.org", "name": "Ana", "organisation": "O", "country": "BE"}
    person["kind"] = "cluster"

    def request(text):
        return flow.request_place(edition, answers=[given(role, text)], **person)

    registration = request("Chair")
    flow.cancel(registration.pk)
    time_machine.shift(datetime.timedelta(hours=2))
    request("Speaker")
    assert Answer.objects.get().display == "Speaker"

    flow.confirm(registration.pk)
    time_machine.shift(datetime.timedelta(hours=2))
    request("Someone typing her address")
    assert Answer.objects.get().display == "Speaker"


def test_answers_are_cleared_when_the_registration_is_anonymised_and_go_when_it_is_deleted(edition):
    role = ask(edition, "Your role")
    people = [
        Registration.objects.create(
            edition=edition, name=n, email=f"{n}@example.org", organisation="O", country="BE", kind="cluster"
        )
        for n in ("ana", "bo")
    ]
    for person in people:
        Answer.objects.create(registration=person, question=role, text=f"role of {person.name}")
    flow.delete(people[1].pk)
    assert list(Answer.objects.values_list("text", flat=True)) == ["role of ana"]

    Registration.objects.filter(pk=people[0].pk).update(status=Registration.Status.APPROVED)
    later = edition.ends_at + datetime.timedelta(days=400)
    assert anonymise(now=later) == 1
    assert not Answer.objects.exists()
    role.delete()  # nothing answers it any more


def test_an_answered_question_and_a_chosen_choice_are_kept_and_keep_their_meaning(edition):
    visit = ask(edition, "Which site visit?", Kind.ONE_CHOICE, ["Port", "Lab"])
    port = visit.choices.get(label="Port")
    registration = Registration.objects.create(
        edition=edition, name="Ana", email="ana@example.org", organisation="O", country="BE", kind="cluster"
    )
    answer = Answer.objects.create(registration=registration, question=visit)
    answer.choices.add(port)

    with pytest.raises(RestrictedError):
        visit.delete()
    with pytest.raises(RestrictedError):
        port.delete()
    visit.kind = Kind.SHORT_TEXT
    with pytest.raises(ValidationError, match="its kind stays"):
        visit.full_clean()
    port.label = "Harbour"
    with pytest.raises(ValidationError, match="stays as it is"):
        port.full_clean()

    lab = visit.choices.get(label="Lab")
    lab.label = "Laboratory"
    lab.full_clean()  # nobody chose it
    lab.delete()
    visit.label = "Which visit will you join?"
    visit.kind = Kind.ONE_CHOICE
    visit.full_clean()  # the wording may be corrected

    edition.delete()  # the edition takes its registrations, their answers and its questions together
    assert not Question.objects.exists() and not Answer.objects.exists()


def test_the_privacy_notice_lists_the_answers_and_says_they_go_with_the_details(client):
    page = client.get("/privacy/").content.decode()
    assert "your answers to any questions the organisers add for that edition" in page
    assert "organisation and answers are erased" in page
