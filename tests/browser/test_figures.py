"""The series in figures, in a browser: the organisers' report (with data), the series page's
figures and a summary with the site's figures, at 375 and 1440 px: zero axe-core violations,
no horizontal scrolling, valid HTML; screenshots for a person to look at."""

import random

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from attendance.models import Attendance
from events.models import Edition
from feedback.models import Response, Survey
from registrations.models import REGISTRANT_KINDS, Registration

from .conftest import ADMIN_PASSWORD, fits, new_page, screenshot
from .standards import axe_violations, nu_errors, saved

# In the SQLite suite: the PostgreSQL suite has the other axe and Nu pages, and the two then take
# about as long.
pytestmark = pytest.mark.db_independent

COUNTRIES = ["BE", "FR", "DE", "PL", "ES", "IT", "LT", "HR", "US"]


def checked_in_archive():
    """Registrants of the four latest editions held, most checked in, some rating them; the
    summaries' figures computed as the hourly job does. Returns the latest edition."""
    rng = random.Random(24)  # noqa: S311 - repeatable test data
    editions = list(
        Edition.objects.past().exclude(status="cancelled").exclude(city="").order_by("-start_date")[:4]
    )
    for n, edition in enumerate(editions):
        survey = Survey.objects.create(edition=edition, closes_on=edition.end_date)
        for k in range(25):
            person = Registration.objects.create(
                edition=edition,
                name=f"Person {n}-{k}",
                email=f"person-{n}-{k}@example.org",
                organisation="An organisation",
                country=rng.choice(COUNTRIES),
                kind=rng.choice(REGISTRANT_KINDS),
                status=rng.choice(["approved"] * 5 + ["declined", "waiting"]),
            )
            if person.status == "approved" and rng.random() < 0.8:
                Attendance.objects.create(registration=person, day=edition.start_date)
                Response.objects.create(survey=survey, registration=person, rating=rng.randint(2, 5))
    call_command("summary_figures", stdout=None)
    return editions[0]


def paths(latest):
    return {
        "report": reverse("desk-report"),
        "series": "/series/clusters-meet-regions/",
        "summary": reverse("events:summary-detail", args=[latest.slug]),
    }


@pytest.mark.parametrize("width", [375, 1440])
def test_the_report_the_series_figures_and_a_computed_summary_pass_axe_and_fit(browser, live_archive, width):
    pages = paths(checked_in_archive())
    User.objects.create_superuser("ada", "ada@example.org", ADMIN_PASSWORD)
    page = new_page(browser, width)
    page.goto(live_archive.url + reverse("admin:login"))
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")
    found, wide = {}, []
    for name, path in pages.items():
        page.goto(live_archive.url + path)
        screenshot(page, f"figures-{name}-{width}")
        found[name] = axe_violations(page)
        if not fits(page, width):
            wide.append(name)
    assert page.get_by_text("From the site’s check-in and feedback").first.is_visible()
    page.context.close()
    assert {name: violations for name, violations in found.items() if violations} == {}
    assert wide == []


def test_the_report_the_series_figures_and_a_computed_summary_are_valid_html(live_archive, tmp_path):
    pages = paths(checked_in_archive())
    client = Client()
    client.force_login(User.objects.create_superuser("ada", "ada@example.org", ADMIN_PASSWORD))
    assert nu_errors(saved(client, pages, tmp_path)) == []
