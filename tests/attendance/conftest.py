"""The people at the door: an organiser, a member of the edition's team, one of another edition's,
and the edition's first day frozen as "now" (the factory's edition is 10-11 March 2026, Brussels)."""

import datetime

import pytest

from events.roles import ORGANISERS
from tests.desk.test_boundaries import member_of
from tests.factories import EditionFactory, RegistrationFactory

UTC = datetime.UTC
FIRST_DAY = datetime.date(2026, 3, 10)
SECOND_DAY = datetime.date(2026, 3, 11)
# 09:00 in Brussels on the first day.
MORNING = datetime.datetime(2026, 3, 10, 8, 0, tzinfo=UTC)


@pytest.fixture
def on_the_day(time_machine):
    time_machine.move_to(MORNING, tick=False)


@pytest.fixture
def registration(db):
    return RegistrationFactory(name="Ana Lopes", organisation="Basque Energy Cluster", country="ES")


@pytest.fixture
def edition(registration):
    return registration.edition


@pytest.fixture
def organiser(db):
    return member_of(None, "olga", ORGANISERS)


@pytest.fixture
def team_member(edition):
    return member_of(edition, "vera")


@pytest.fixture
def other_team(db):
    other = EditionFactory(start_date=FIRST_DAY, end_date=SECOND_DAY)
    return member_of(other, "otto")
