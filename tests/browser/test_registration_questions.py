"""The organisers' questions in a real browser: each reached by its label or its group's legend,
refused with the reason when left blank, stored once answered; no axe violation, nothing sideways."""

import pytest

from events.models import Edition
from registrations.models import Question, QuestionChoice, Registration

from .conftest import screenshot
from .standards import axe_violations

Kind = Question.Kind


def ask(edition, label, kind, choices=(), **fields):
    question = Question.objects.create(edition=edition, label=label, kind=kind, **fields)
    for n, choice in enumerate(choices):
        QuestionChoice.objects.create(question=question, label=choice, order=n)


def with_questions():
    edition = Edition.objects.get(slug="sample-edition-demo")
    ask(
        edition,
        "Your role",
        Kind.SHORT_TEXT,
        required=True,
        order=1,
        help_text="As it should read on your badge.",
    )
    ask(edition, "Which site visit will you join?", Kind.ONE_CHOICE, ["The port", "The research campus"],
        required=True, order=2)  # fmt: skip
    ask(edition, "Dietary needs", Kind.SEVERAL_CHOICES, ["Vegetarian", "Vegan", "No nuts", "Halal"], order=3)
    ask(edition, "Access needs", Kind.LONG_TEXT, order=4, help_text="Anything that helps you take part.")
    ask(edition, "Will you join the dinner?", Kind.YES_NO, required=True, order=5)
    return edition


def fill_details(page):
    page.get_by_label("Name", exact=True).fill("Ana Example")
    page.get_by_label("E-mail", exact=True).fill("ana@example.org")
    page.get_by_label("Organisation", exact=True).fill("A cluster")
    page.get_by_label("Country", exact=True).select_option("PT")
    page.get_by_label("Cluster organisation").check()
    page.get_by_label("I agree").check()


@pytest.mark.parametrize("width", [375, 1440])
def test_a_visitor_answers_the_editions_questions_by_their_labels_and_groups(
    browser, eu_group, live_archive, width
):
    edition = with_questions()
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{live_archive.url}/editions/{edition.slug}/register/")
    fill_details(page)
    page.get_by_role("button", name="Ask for a place").click()  # the questions left blank
    page.get_by_text("This field is required.", exact=True).first.wait_for()
    # Under each of the three required questions, and in the summary at the top.
    assert page.get_by_text("This field is required.", exact=True).count() == 3
    assert page.locator("#error-summary li").count() == 3
    screenshot(page, f"registration-questions-errors-{width}")

    page.goto(f"{live_archive.url}/editions/{edition.slug}/register/")
    fill_details(page)
    page.get_by_label("Your role").fill("Cluster manager")
    page.get_by_role("group", name="Which site visit will you join?").get_by_label(
        "The research campus"
    ).check()
    diet = page.get_by_role("group", name="Dietary needs (optional)")
    diet.get_by_label("Vegetarian").check()
    diet.get_by_label("No nuts").check()
    page.get_by_label("Access needs (optional)").fill("A seat near the door.")
    page.get_by_role("group", name="Will you join the dinner?").get_by_label("Yes").check()
    screenshot(page, f"registration-questions-{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert axe_violations(page) == []

    page.get_by_role("button", name="Ask for a place").click()
    page.get_by_role("heading", name="Check your inbox").wait_for()
    registration = Registration.objects.get()
    given = {a.question.label: a.display for a in registration.answers.in_question_order()}
    assert given == {
        "Your role": "Cluster manager",
        "Which site visit will you join?": "The research campus",
        "Dietary needs": "Vegetarian; No nuts",
        "Access needs": "A seat near the door.",
        "Will you join the dinner?": "Yes",
    }
    context.close()
