"""Browser tests: Playwright drives Debian's chromium (make test installs it).

A missing browser is an error, never a skip.
"""

import io
import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from events.models import CallForHosts, Series
from tests.archive import load_archive

BROWSER_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    for item in items:
        if BROWSER_DIR in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"

# Playwright's sync API runs an event loop in this thread; the Django test
# database is still only touched synchronously, before and between page loads.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def live_archive(transactional_db, live_server):
    load_archive()
    call_command("loaddemo", stdout=io.StringIO())
    open_a_call()
    return live_server


def open_a_call():
    """Every call in the archive is over; the application form needs an open one."""
    return CallForHosts.objects.create(
        title="Call to host the next editions (test data)",
        series=Series.objects.get(slug="clusters-meet-regions"),
        text="Regions and cluster organisations may apply.",
        deadline=timezone.now() + timedelta(days=60),
    )


def page_paths(pages):
    """The pages' paths with the open call's number filled in (live_archive stores it)."""
    call = CallForHosts.objects.open().first()
    return {name: path.format(open_call=call.pk if call else 0) for name, path in pages.items()}
