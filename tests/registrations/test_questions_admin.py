"""The organisers' questions in the admin: editing them, the rules that keep answers meaningful,
and the answers where organisers read them (the registration, the list, the CSV, the attendance list)."""

import csv
import io
import re

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from registrations.models import Answer, Question, QuestionChoice, Registration
from tests.adminforms import form_data
from tests.registrations_helpers import on_site_edition

pytestmark = pytest.mark.django_db

Kind = Question.Kind
QUESTIONS = "/admin/registrations/question/"
REGISTRATIONS = "/admin/registrations/registration/"


def ask(edition, label, kind=Kind.SHORT_TEXT, choices=(), **fields):
    question = Question.objects.create(edition=edition, label=label, kind=kind, **fields)
    for order, label_ in enumerate(choices):
        QuestionChoice.objects.create(question=question, label=label_, order=order)
    return question


def person(edition, name="Ana", status=Registration.Status.APPROVED, **fields):
    return Registration.objects.create(
        edition=edition, name=name, email=f"{name.lower()}@example.org", organisation="O", country="BE",
        kind="cluster", status=status, **fields,
    )  # fmt: skip


def answer(registration, question, text="", yes=None, choices=()):
    given = Answer.objects.create(registration=registration, question=question, text=text, yes=yes)
    given.choices.set([question.choices.get(label=label) for label in choices])
    return given


def choice_rows(question, *rows):
    """The choices inline's post: (id or "", label, delete?) per row; a blank row as a browser posts it."""
    data = {
        "choices-TOTAL_FORMS": str(len(rows)),
        "choices-INITIAL_FORMS": str(sum(1 for row in rows if row[0])),
        "choices-MIN_NUM_FORMS": "0",
        "choices-MAX_NUM_FORMS": "50",
    }
    for n, (pk, label, delete) in enumerate(rows):
        data |= {f"choices-{n}-id": pk, f"choices-{n}-label": label, f"choices-{n}-order": str(n)}
        data[f"choices-{n}-question"] = question.pk if question else ""
        if delete:
            data[f"choices-{n}-DELETE"] = "on"
    return data


def test_an_organiser_adds_a_question_with_its_choices_from_the_editions_form(admin_client):
    edition = on_site_edition()
    page = admin_client.get(reverse("admin:events_edition_change", args=[edition.pk])).content.decode()
    assert "The form asks only for the registrant’s details." in page
    add = f"{QUESTIONS}add/?edition={edition.pk}"
    assert add.replace("/?", "/?") in page

    data = form_data(admin_client.get(add))
    assert data["edition"] == str(edition.pk)  # prefilled from the link
    data |= {"label": "Which site visit?", "kind": Kind.ONE_CHOICE, "required": "on", "order": "1"}
    data |= choice_rows(None, ("", "Port", False), ("", "Lab", False), ("", "", False))
    response = admin_client.post(add, data)

    assert response.status_code == 302, response.context["inline_admin_formsets"][0].formset.errors
    question = Question.objects.get()
    assert (question.edition, question.kind, question.required) == (edition, Kind.ONE_CHOICE, True)
    assert [c.label for c in question.choices.all()] == ["Port", "Lab"]
    page = admin_client.get(reverse("admin:events_edition_change", args=[edition.pk])).content.decode()
    assert "1 question: “Which site visit?”." in page
    assert f"{QUESTIONS}?edition__id__exact={edition.pk}" in page


@pytest.mark.parametrize(
    ("kind", "rows", "error"),
    [
        (Kind.ONE_CHOICE, [("", "Only one", False)], "needs at least two choices"),
        (Kind.SEVERAL_CHOICES, [("", "", False)], "needs at least two choices"),
        (Kind.YES_NO, [("", "Maybe", False)], "has no choices: delete them, or change its kind"),
        (Kind.ONE_CHOICE, [("", "Same", False), ("", "Same", False)], "Please correct the duplicate"),
    ],
)
def test_choices_that_do_not_fit_the_kind_are_a_form_error(admin_client, kind, rows, error):
    edition = on_site_edition()
    data = {"edition": edition.pk, "label": "Q", "kind": kind, "order": "0", "is_asked": "on"}
    response = admin_client.post(f"{QUESTIONS}add/", data | choice_rows(None, *rows))
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Question.objects.exists()


@pytest.fixture
def answered(admin_client):
    """A one-choice question that Ana answered "Port"; nobody chose "Lab" or "Online"."""
    edition = on_site_edition()
    visit = ask(edition, "Which site visit?", Kind.ONE_CHOICE, ["Port", "Lab", "Online"])
    answer(person(edition), visit, choices=["Port"])
    return visit


def change(admin_client, question, **changes):
    url = reverse("admin:registrations_question_change", args=[question.pk])
    data = form_data(admin_client.get(url)) | changes
    return admin_client.post(url, data)


def test_an_answered_question_keeps_its_kind_and_chosen_choices_but_takes_new_ones(admin_client, answered):
    url = reverse("admin:registrations_question_change", args=[answered.pk])
    page = admin_client.get(url).content.decode()
    assert "1 answers. Registrants have answered it" in page
    assert 'name="kind"' not in page  # shown, not editable
    assert re.search(r'name="choices-0-label"[^>]*disabled', page)
    assert "Chosen by 1 registrant: it stays as it is." in page and "Not chosen yet" in page

    response = change(
        admin_client, answered, label="Which visit will you join?", kind=Kind.SHORT_TEXT,
        **{"choices-0-label": "Harbour", "choices-1-label": "Laboratory", "choices-3-label": "Museum"},
    )  # fmt: skip
    assert response.status_code == 302
    answered.refresh_from_db()
    assert answered.label == "Which visit will you join?" and answered.kind == Kind.ONE_CHOICE
    assert [c.label for c in answered.choices.all()] == ["Port", "Laboratory", "Online", "Museum"]


def test_deleting_a_chosen_choice_is_refused_with_a_clear_message_and_an_unchosen_one_goes(
    admin_client, answered
):
    response = change(admin_client, answered, **{"choices-0-DELETE": "on"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Registrants have chosen “Port”, so it cannot be deleted." in page
    assert "protected related objects" not in page
    assert answered.choices.count() == 3

    assert change(admin_client, answered, **{"choices-1-DELETE": "on"}).status_code == 302
    assert [c.label for c in answered.choices.all()] == ["Port", "Online"]


def test_deleting_an_answered_question_is_refused_with_what_to_do_instead(admin_client, answered):
    url = reverse("admin:registrations_question_delete", args=[answered.pk])
    page = admin_client.get(url).content.decode()
    assert "“Which site visit?” has 1 answers from registrants: it cannot be deleted." in page
    assert "Untick “Asked on the form”" in page
    admin_client.post(url, {"post": "yes"})
    assert Question.objects.filter(pk=answered.pk).exists()

    bulk = admin_client.post(QUESTIONS, {"action": "delete_selected", "_selected_action": [answered.pk]})
    assert "has 1 answers from registrants" in bulk.content.decode()
    assert Question.objects.filter(pk=answered.pk).exists()


def test_the_registrations_page_and_list_show_the_answers(admin_client):
    edition = on_site_edition()
    role = ask(edition, "Your role", order=1)
    needs = ask(edition, "Access needs", Kind.LONG_TEXT, order=2)
    dinner = ask(edition, "Dinner?", Kind.YES_NO, order=3)
    ana = person(edition)
    answer(ana, needs, text="Step-free access\nand a quiet room. " + "More words. " * 20)
    answer(ana, role, text="<b>Chair</b>")
    answer(ana, dinner, yes=True)

    url = reverse("admin:registrations_registration_change", args=[ana.pk])
    page = admin_client.get(url).content.decode()
    assert (
        '<dl class="answers"><dt>Your role</dt><dd>&lt;b&gt;Chair&lt;/b&gt;</dd>'
        "<dt>Access needs</dt><dd>Step-free access<br>and a quiet room." in page
    )
    assert "<dt>Dinner?</dt><dd>Yes</dd>" in page

    listing = admin_client.get(f"{REGISTRATIONS}?edition__id__exact={edition.pk}").content.decode()
    assert "column-answers_column" in listing
    assert "<strong>Your role</strong>: &lt;b&gt;Chair&lt;/b&gt;<br><strong>Access needs</strong>:" in listing
    assert re.search(r"<strong>Access needs</strong>: Step-free access[^<]*…<br><strong>Dinner", listing)
    other = on_site_edition()
    person(other, "Bo")
    listing = admin_client.get(f"{REGISTRATIONS}?edition__id__exact={other.pk}").content.decode()
    assert "Bo" in listing and "column-answers_column" not in listing


def test_the_csv_has_a_column_per_question_of_the_exported_editions_and_defuses_formulas(admin_client):
    first, second = on_site_edition(), on_site_edition()
    role = ask(first, "=Role", order=1)
    diet = ask(first, "Dietary needs", Kind.SEVERAL_CHOICES, ["Vegetarian", "Halal"], order=2)
    retired = ask(first, "Retired, never answered", is_asked=False)
    visit = ask(second, "Site visit", Kind.ONE_CHOICE, ["Port", "Lab"])
    ana, bo, cy = person(first, "Ana"), person(first, "Bo"), person(second, "Cy")
    answer(ana, role, text="+1 chair")
    answer(ana, diet, choices=["Vegetarian", "Halal"])
    answer(cy, visit, choices=["Lab"])
    assert retired.pk

    def export(*people):
        post = {"action": "export_csv", "_selected_action": [p.pk for p in people]}
        body = admin_client.post(REGISTRATIONS, post).content.decode("utf-8-sig")
        # Without the last two columns, attendance's (walk-in, days attended).
        return [row[:-2] for row in csv.reader(io.StringIO(body))]

    rows = export(ana, bo)
    assert rows[0][8:] == ["'=Role", "Dietary needs"]
    assert rows[1][1] == "Ana" and rows[1][8:] == ["'+1 chair", "Vegetarian; Halal"]
    assert rows[2][1] == "Bo" and rows[2][8:] == ["", ""]

    rows = export(ana, cy)
    headings = [f"{first.slug}: =Role", f"{first.slug}: Dietary needs", f"{second.slug}: Site visit"]
    assert rows[0][8:] == headings
    cells = {row[1]: row[8:] for row in rows[1:]}
    assert cells == {"Ana": ["'+1 chair", "Vegetarian; Halal", ""], "Cy": ["", "", "Lab"]}


def test_the_attendance_list_has_a_column_per_question(admin_client):
    edition = on_site_edition()
    role = ask(edition, "Your role")
    dinner = ask(edition, "Dinner?", Kind.YES_NO)
    answer(person(edition, "Ana"), role, text="Chair")
    answer(person(edition, "Bo"), dinner, yes=False)
    answer(person(edition, "Cy", status=Registration.Status.PENDING), role, text="Not attending")

    page = admin_client.get(reverse("admin:registrations_attendance", args=[edition.pk])).content.decode()
    assert '<th scope="col">Your role</th><th scope="col">Dinner?</th><th scope="col">Signature</th>' in page
    assert "<td>Ana</td><td>O</td><td>Belgium</td><td>Chair</td><td></td><td></td>" in page
    assert "<td>Bo</td><td>O</td><td>Belgium</td><td></td><td>No</td><td></td>" in page
    assert "Not attending" not in page


@pytest.fixture
def team_member(client):
    """A host team member of one edition, with the question permissions the desk gives them."""
    user = User.objects.create_user("host", password="x", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="registrations"))
    client.force_login(user)
    return user


def test_a_host_team_sees_and_edits_only_its_own_editions_questions(client, team_member):
    ours, theirs = on_site_edition(title="Our edition"), on_site_edition(title="Their edition")
    ours.team.add(team_member)
    mine, not_mine = ask(ours, "Our question"), ask(theirs, "Their question")

    listing = client.get(QUESTIONS).content.decode()
    assert "Our question" in listing and "Their question" not in listing and "Their edition" not in listing
    assert client.get(reverse("admin:registrations_question_change", args=[not_mine.pk])).status_code == 302
    add = client.get(f"{QUESTIONS}add/").content.decode()
    assert "Our edition" in add and "Their edition" not in add
    data = {"edition": theirs.pk, "label": "Sneaked in", "kind": Kind.SHORT_TEXT, "order": "0"}
    response = client.post(f"{QUESTIONS}add/", data | choice_rows(None, ("", "", False)))
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert client.get(f"{QUESTIONS}?q=Their").content.decode().count("Their question") == 0
    assert mine.pk
