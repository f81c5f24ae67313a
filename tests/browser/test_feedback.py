"""The feedback survey's answer page in a real browser, at a phone's width and a desktop's: blank,
with errors, answered, closed; each without an axe violation and without sideways scrolling."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils.timezone import localdate

from feedback.models import SurveyChoice, SurveyQuestion, answer_url
from tests.factories import AttendanceFactory, EditionFactory, RegistrationFactory, SurveyFactory

from .conftest import ADMIN_PASSWORD, fits, new_page, screenshot
from .standards import axe_violations, nu_errors

pytestmark = pytest.mark.django_db(transaction=True)


def survey_of_yesterdays_edition():
    yesterday = localdate() - datetime.timedelta(days=1)
    edition = EditionFactory(
        title="Clusters meet Regions 2026: Kraków",
        city="Kraków",
        country="PL",
        timezone="Europe/Warsaw",
        start_date=yesterday - datetime.timedelta(days=1),
        end_date=yesterday,
    )
    survey = SurveyFactory(
        edition=edition,
        intro="Your answers help the host region and the platform plan the next editions.",
        closes_on=localdate() + datetime.timedelta(days=14),
    )
    helped = SurveyQuestion.objects.create(
        survey=survey, label="Which part helped you most?", kind="one_choice", required=True, order=1
    )
    for order, label in enumerate(["The site visits", "The matchmaking", "The policy workshops"]):
        SurveyChoice.objects.create(question=helped, label=label, order=order)
    SurveyQuestion.objects.create(survey=survey, label="Would you come again?", kind="yes_no", order=2)
    SurveyQuestion.objects.create(
        survey=survey,
        label="What should we change?",
        kind="long_text",
        order=3,
        help_text="Anything: the programme, the venue, the food.",
    )
    registration = RegistrationFactory(edition=edition, name="Anna Nowak", email="anna@example.org")
    AttendanceFactory(registration=registration)
    return survey, registration


def check(page, width, name):
    assert page.evaluate("document.documentElement.scrollWidth") <= width, name
    assert axe_violations(page) == [], name
    screenshot(page, f"feedback-{name}-{width}")


@pytest.mark.parametrize("width", [375, 1440])
def test_an_attendee_answers_by_labels_and_groups_then_sees_the_page_closed(browser, live_server, width):
    survey, registration = survey_of_yesterdays_edition()
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 900})
    page = context.new_page()
    url = live_server.url + answer_url(registration)

    page.goto(live_server.url + registration.manage_url())
    page.get_by_role("link", name="Tell us what you thought").click()
    page.wait_for_url(url)
    check(page, width, "blank")
    page.get_by_role("button", name="Send my answers").click()
    page.locator("#error-summary").wait_for()
    assert page.locator("#error-summary li").count() == 2
    check(page, width, "errors")

    page.get_by_role("group", name="Overall, how was the event?").get_by_label("4 Very good").check()
    page.get_by_role("group", name="Which part helped you most?").get_by_label("The matchmaking").check()
    page.get_by_role("group", name="Would you come again? (optional)").get_by_label("Yes").check()
    page.get_by_label("What should we change? (optional)").fill("Longer breaks between the sessions.")
    page.get_by_role("button", name="Send my answers").click()
    page.get_by_role("status").wait_for()
    assert "You can change them until" in page.get_by_role("status").inner_text()
    assert page.get_by_label("What should we change? (optional)").input_value() == (
        "Longer breaks between the sessions."
    )
    check(page, width, "answered")
    page.goto(live_server.url + registration.manage_url())
    assert (
        "Thank you, you can change your answers until"
        in page.get_by_role("region", name="Your feedback").inner_text()
    )
    check(page, width, "own-page")

    survey.closes_on = localdate() - datetime.timedelta(days=1)
    survey.save()
    page.goto(url)
    assert "The survey closed on" in page.content()
    check(page, width, "closed")
    context.close()


def test_the_answer_page_blank_with_errors_answered_and_closed_is_valid_html(client, tmp_path):
    survey, registration = survey_of_yesterdays_edition()
    url = answer_url(registration)
    pages = {"blank": client.get(url)}
    # No rating: the error summary at the top (the shared form's), linking to the field.
    pages["errors"] = client.post(url, {})
    assert b'id="error-summary"' in pages["errors"].content
    helped = SurveyChoice.objects.get(label="The site visits")
    client.post(url, {"rating": "5", f"question_{helped.question_id}": str(helped.pk)})
    pages["answered"] = client.get(f"{url}?done=saved")
    survey.closes_on = localdate() - datetime.timedelta(days=1)
    survey.save()
    pages["closed"] = client.get(url)
    files = {}
    for name, response in pages.items():
        file = tmp_path / f"{name}.html"
        file.write_bytes(response.content)
        files[str(file)] = f"{url} ({name})"
    assert nu_errors(files) == []


@pytest.mark.parametrize("width", [375, 1440])
def test_the_admins_results_page_has_no_axe_violation_and_fits_the_screen(browser, live_server, width):
    survey, registration = survey_of_yesterdays_edition()
    helped = SurveyChoice.objects.get(label="The matchmaking")
    for n, (rating, change) in enumerate(
        [(5, "More time for the site visits."), (4, ""), (3, "A larger room.")]
    ):
        person = registration if n == 0 else RegistrationFactory(edition=survey.edition)
        AttendanceFactory(registration=person, day=survey.edition.end_date)
        data = {"rating": str(rating), f"question_{helped.question_id}": str(helped.pk)}
        data[f"question_{SurveyQuestion.objects.get(kind='long_text').pk}"] = change
        assert Client().post(answer_url(person), data).status_code == 302
    User.objects.create_superuser("ada", "ada@example.org", ADMIN_PASSWORD)
    page = new_page(browser, width)
    page.goto(live_server.url + reverse("admin:login"))
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")
    for name, path in {
        "admin-survey": reverse("admin:feedback_survey_change", args=[survey.pk]),
        "admin-results": reverse("admin:feedback_survey_results", args=[survey.pk]),
    }.items():
        page.goto(live_server.url + path)
        assert axe_violations(page) == [], name
        assert fits(page, width), name
        screenshot(page, f"feedback-{name}-{width}")
    page.context.close()
