"""The summary fills itself (desk/figures.py): once an edition is over, the hourly job stores the
site's figures from check-in and feedback in its summary, creating it if missing, idempotently;
a late check-in or answer computes them again; an edition without check-in keeps no summary it
did not have."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command

from desk import figures
from events.models import Summary
from tests.factories import (
    AttendanceFactory,
    EditionFactory,
    RegistrationFactory,
    ResponseFactory,
    SummaryFactory,
    SurveyFactory,
)
from tests.registrations_helpers import run_worker

pytestmark = pytest.mark.django_db

AFTER = datetime.datetime(2026, 3, 20, 12, tzinfo=datetime.UTC)
DURING = datetime.datetime(2026, 3, 10, 12, tzinfo=datetime.UTC)


def people(edition):
    """Four approved: two checked in (FR cluster both days, BE agency one day), two not; two ratings."""
    fr = RegistrationFactory(edition=edition, country="FR", kind="cluster")
    be = RegistrationFactory(edition=edition, country="BE", kind="agency")
    RegistrationFactory(edition=edition, country="DE", kind="agency")
    RegistrationFactory(edition=edition, country="IT", kind="company", status="declined")
    for day in edition.days:
        AttendanceFactory(registration=fr, day=day)
    AttendanceFactory(registration=be, day=edition.start_date)
    survey = SurveyFactory(edition=edition)
    ResponseFactory(registration=fr, survey=survey, rating=5)
    ResponseFactory(registration=be, survey=survey, rating=4)
    return fr, be


@pytest.fixture
def edition():
    return EditionFactory(start_date=datetime.date(2026, 3, 10), end_date=datetime.date(2026, 3, 11))


def test_the_hourly_job_stores_the_figures_in_a_new_summary_once_the_edition_is_over(edition, time_machine):
    time_machine.move_to(DURING, tick=False)
    people(edition)
    call_command("summary_figures")
    assert not Summary.objects.exists()  # not over yet
    time_machine.move_to(AFTER, tick=False)
    call_command("summary_figures")
    summary = Summary.objects.get(edition=edition)
    assert (summary.site_participants, summary.site_countries) == (2, 2)
    assert summary.site_kinds == {"agency": 1, "cluster": 1}
    assert (summary.site_rating, summary.site_responses) == (Decimal("4.50"), 2)
    assert summary.figures_computed_at == AFTER
    assert summary.has_content


def test_the_computation_is_idempotent(edition, time_machine):
    time_machine.move_to(AFTER, tick=False)
    people(edition)
    assert figures.refresh_due() == 1
    assert figures.refresh_due() == 0
    assert not figures.due().exists()
    assert Summary.history.count() == 1  # saved once


def test_an_edition_without_check_in_gets_no_summary(edition, time_machine):
    time_machine.move_to(AFTER, tick=False)
    RegistrationFactory(edition=edition)
    assert figures.refresh_due() == 0
    assert not Summary.objects.exists()


def test_an_existing_summary_keeps_its_text_and_the_organisers_figures(edition, time_machine):
    time_machine.move_to(AFTER, tick=False)
    summary = SummaryFactory(edition=edition, participants=130, countries=None)
    people(edition)
    figures.refresh_due()
    summary.refresh_from_db()
    assert (summary.body, summary.participants, summary.site_participants) == ("We met, we learned.", 130, 2)
    assert (summary.shown_participants, summary.participants_from_site) == (130, False)
    assert (summary.shown_countries, summary.countries_from_site) == (2, True)


@pytest.mark.django_db(transaction=True)
def test_a_check_in_or_an_answer_after_the_end_computes_the_figures_again(edition, time_machine):
    time_machine.move_to(AFTER, tick=False)
    fr, be = people(edition)
    run_worker()
    assert Summary.objects.get(edition=edition).site_participants == 2
    late = RegistrationFactory(edition=edition, country="PL", kind="cluster")
    AttendanceFactory(registration=late)
    run_worker()
    summary = Summary.objects.get(edition=edition)
    assert (summary.site_participants, summary.site_countries) == (3, 3)
    be.feedback.delete()
    run_worker()
    summary.refresh_from_db()
    assert (summary.site_rating, summary.site_responses) == (Decimal("5.00"), 1)


@pytest.mark.django_db(transaction=True)
def test_check_in_on_the_day_queues_nothing(edition, time_machine):
    time_machine.move_to(DURING, tick=False)
    AttendanceFactory(registration=RegistrationFactory(edition=edition))
    run_worker()
    assert not Summary.objects.exists()
