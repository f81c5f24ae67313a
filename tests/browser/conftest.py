"""Browser tests: Playwright drives Debian's chromium (make test installs it).

A missing browser is an error, never a skip.
"""

import importlib
import io
import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse
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
# Pictures are for a person to look at, not for the tests: `make screenshots` asks for them. A whole
# long page costs chromium up to a second of CPU, and the browser tests open about 190.
KEEP_SCREENSHOTS = os.environ.get("SCREENSHOTS") == "1"


def screenshot(target, name, *, full_page=True):
    """test-artifacts/screenshots/<name>.png of a page (the whole of it) or of one element, when
    SCREENSHOTS=1."""
    if KEEP_SCREENSHOTS:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        target.screenshot(path=SCREENSHOTS / f"{name}.png", **({"full_page": True} if full_page else {}))


def new_page(browser, width):
    """A page `width` px wide whose context lets the checkers in (the site's CSP allows no injected
    script; the checkers are not part of the site)."""
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 800})
    return context.new_page()


def fits(page, width):
    """No sideways scrolling at `width`."""
    return page.evaluate("document.documentElement.scrollWidth") <= width


def watch_for_faults(page):
    """The faults a visitor's browser meets on `page` from now on, as a list that fills as it browses:
    errors in the console, responses of 400 and over, and requests that failed. A request the browser
    abandoned itself because the page moved on (net::ERR_ABORTED, e.g. the favicon of a page left at
    once) is not a fault of the site; a missing favicon still is one, as its 404."""
    faults = []

    def console(message):
        if message.type == "error":
            faults.append(f"{message.text} ({message.location['url']})")

    def response(response):
        if response.status >= 400:
            faults.append(f"{response.status}: {response.url}")

    def request_failed(request):
        if request.failure != "net::ERR_ABORTED":
            faults.append(f"failed: {request.url} ({request.failure})")

    page.on("console", console)
    page.on("response", response)
    page.on("requestfailed", request_failed)
    return faults


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
    add_the_first_faq_entries()
    return live_server


def add_the_first_faq_entries():
    """The FAQ's first entries, which events' migration 0015 adds and a transactional test's flush removes."""
    migration = importlib.import_module("events.migrations.0015_contact_and_faq")
    migration.add_first_entries(django_apps, None)


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


ADMIN_PASSWORD = "a-long-superuser-passphrase"


def signed_in_admin(browser, base_url, username="ada", password=ADMIN_PASSWORD):
    """A page signed in to the admin as a new superuser, and the page's errors as they come
    (console errors, uncaught exceptions, responses of 400 and over)."""
    User.objects.create_superuser(username, f"{username}@example.org", password)
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("response", lambda response: response.status >= 400 and errors.append(response.url))
    page.goto(base_url + reverse("admin:login"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")
    return page, errors
