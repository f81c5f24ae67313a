"""Admin sessions last a working day; expired ones are deleted on a schedule the deployment ships."""

import configparser
import shlex
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.core.management import call_command, get_commands
from django.utils import timezone

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
PASSWORD = "a-long-organiser-passphrase"  # noqa: S105 (a test user's)


def unit(path):
    """A systemd unit file, read as the INI file it is (keys keep their case)."""
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str
    parser.read_string(path.read_text())
    return parser


@pytest.mark.django_db
def test_the_admin_session_lasts_a_working_day_of_ten_hours(client):
    User.objects.create_user("olga", password=PASSWORD, is_staff=True)
    client.post("/admin/login/?next=/admin/", {"username": "olga", "password": PASSWORD})
    assert client.cookies["sessionid"]["max-age"] == 36_000


@pytest.mark.django_db
def test_clearsessions_deletes_expired_sessions_and_keeps_live_ones():
    now = timezone.now()
    Session.objects.create(session_key="expired", session_data="", expire_date=now - timedelta(minutes=1))
    Session.objects.create(session_key="live", session_data="", expire_date=now + timedelta(hours=1))
    call_command("clearsessions")
    assert list(Session.objects.values_list("session_key", flat=True)) == ["live"]


def test_the_scheduled_services_run_management_commands_that_exist():
    services = sorted(DEPLOY.glob("*.service"))
    assert services, "no systemd service in deploy/"
    for service in services:
        command = shlex.split(unit(service)["Service"]["ExecStart"])
        name = command[command.index("manage.py") + 1]
        assert name in get_commands(), f"{service.name} runs manage.py {name}, which does not exist"


def test_clearsessions_has_an_hourly_timer_that_starts_its_service():
    timer = unit(DEPLOY / "cmr-clearsessions.timer")
    assert timer["Timer"]["OnCalendar"] == "hourly"
    service = timer["Timer"].get("Unit", "cmr-clearsessions.service")
    assert "clearsessions" in unit(DEPLOY / service)["Service"]["ExecStart"].split()
