import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from events.models import Edition

ROOT = Path(__file__).resolve().parents[2]


def test_loaddemo_adds_one_labelled_upcoming_edition_and_removes_it_again(archive, at):
    at(2026, 11, 21, 12, 0)
    call_command("loaddemo", stdout=io.StringIO())
    call_command("loaddemo", stdout=io.StringIO())  # running it twice does not duplicate it
    upcoming = list(Edition.objects.published().upcoming())
    assert [e.slug for e in upcoming] == ["sample-edition-demo"]
    assert "demo data, not a real event" in upcoming[0].title
    assert upcoming[0].agenda_items.count() == 3

    call_command("loaddemo", "--remove", stdout=io.StringIO())
    assert not Edition.objects.upcoming().exists()
    assert Edition.objects.count() == 19


def test_the_real_fixtures_hold_no_demo_data():
    text = (ROOT / "fixtures" / "archive.json").read_text(encoding="utf-8")
    assert "demo" not in text.lower() and "sample" not in text.lower()


def start_django(**env):
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS"}}
    environment.update(env, DJANGO_SETTINGS_MODULE="cmr_site.settings", ENV_FILE=os.devnull)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DEBUG": "False", "ALLOWED_HOSTS": "example.eu"}, "Set SECRET_KEY"),
        (
            {"DEBUG": "False", "SECRET_KEY": "change-me-to-a-long-random-string", "ALLOWED_HOSTS": "x"},
            "SECRET_KEY",
        ),
        ({"DEBUG": "False", "SECRET_KEY": "a-real-and-long-secret-key-for-this-test"}, "Set ALLOWED_HOSTS"),
    ],
)
def test_with_debug_off_the_site_refuses_to_start_without_real_secrets(env, message):
    result = start_django(**env)
    assert result.returncode != 0
    assert message in result.stderr


def test_with_debug_off_and_real_settings_the_site_starts():
    result = start_django(
        DEBUG="False", SECRET_KEY="a-real-and-long-secret-key-for-this-test", ALLOWED_HOSTS="x"
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_loadarchive_fills_an_empty_site_once_and_keeps_later_edits():
    call_command("loadarchive", stdout=io.StringIO(), verbosity=0)
    assert Edition.objects.count() == 19
    Edition.objects.filter(slug="charleroi-2024").update(title="Edited by an organiser")
    out = io.StringIO()
    call_command("loadarchive", stdout=out)
    assert "not loaded again" in out.getvalue()
    assert Edition.objects.get(slug="charleroi-2024").title == "Edited by an organiser"


def test_manage_py_says_why_it_cannot_start_instead_of_failing_later():
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS"}}
    environment.update(DEBUG="False", ENV_FILE=os.devnull)
    result = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "manage.py: Set SECRET_KEY in the environment" in result.stderr
    assert "AppRegistryNotReady" not in result.stderr
