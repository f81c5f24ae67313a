"""Shared steps for the registration tests: an edition on site, the worker, the links in e-mails."""

import datetime
import importlib
import re

import pytest
from django.core.management import call_command

from common.tokens import row_from_token
from events.models import CountryGroup, Edition, RegistrationMode
from registrations.models import Actor, Registration
from tests.factories import EditionFactory

# An organiser's step for tests that do not ask who took it (test_decisions.py does).
STAFF = Actor.staff(None)


def on_site_edition(**fields):
    defaults = {
        "registration_mode": RegistrationMode.ON_SITE,
        "registration_places": 2,
        "start_date": datetime.date(2030, 4, 24),
        "start_time": datetime.time(8, 30),
        "end_time": datetime.time(9, 45),
        "format": Edition.Format.ONLINE,
        "online_url": "https://meet.example.org/secret-room",
    }
    defaults.update(fields)
    if "end_date" not in fields:
        defaults["end_date"] = defaults["start_date"]
    return EditionFactory(**defaults)


def run_worker():
    """What `manage.py db_worker` does, until the queue holds nothing due."""
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def link(message, path_part):
    body = message.get_body(("plain",)).get_content()
    return re.search(rf"http://127\.0\.0\.1:8000(/registrations/{path_part}[^\s]+)", body).group(1)


EU = importlib.import_module("registrations.migrations.0002_eu_member_states").EU_MEMBER_STATES


@pytest.fixture
def eu_group(db):
    """The group the data migration ships (a transactional test's flush removes it)."""
    return CountryGroup.objects.get_or_create(name="EU member states", defaults={"countries": EU})[0]


def signed_for(path):
    """The registration a /registrations/<token>/… path is signed for. Compare this, not the path: a
    token carries the second it was made, so two made a second apart differ for the same person."""
    token = path.removeprefix("http://127.0.0.1:8000").split("/")[2]
    return row_from_token(Registration.objects.all(), token, salt=Registration.MANAGE_SALT)
