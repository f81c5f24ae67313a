"""Every public page reads well on a 375 px phone and on a desktop."""

import pytest

from .conftest import page_paths, screenshot, watch_for_faults

# The browser's look: the same on either database, so the PostgreSQL suite leaves it out.
pytestmark = pytest.mark.db_independent

PAGES = {
    "upcoming": "/",
    "archive": "/editions/",
    "archive-filtered": "/editions/?q=clusters&country=BE",
    "edition": "/editions/charleroi-2024/",
    "online-talk": "/editions/eu-clusters-talk-meta-cluster-2024/",
    "demo-edition": "/editions/sample-edition-demo/",
    "registration-form": "/editions/sample-edition-demo/register/",
    "short-edition": "/editions/krakow-2023/",
    "series": "/series/clusters-meet-regions/",
    "hosts": "/hosts/",
    "host": "/hosts/charleroi-metropole/",
    "partner": "/partners/eccp/",
    "speaker": "/speakers/marek-przeor/",
    "calendar-help": "/calendar/",
    "host-an-edition": "/host/",
    # The open call live_archive adds: its number is only known once it is stored.
    "host-apply": "/host/calls/{open_call}/apply/",
    "alerts": "/alerts/",
    "privacy": "/privacy/",
    "legal": "/legal/",
    "contact": "/contact/",
    "faq": "/faq/",
    "not-found": "/editions/no-such-edition/",
}


@pytest.mark.parametrize("width", [375, 1440])
def test_public_pages_fit_the_screen_without_horizontal_scrolling(browser, live_archive, width):
    page = browser.new_page(viewport={"width": width, "height": 800})
    faults = watch_for_faults(page)
    for name, path in page_paths(PAGES).items():
        response = page.goto(live_archive.url + path)
        assert response.status == (404 if name == "not-found" else 200), path
        overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"
        assert page.evaluate("getComputedStyle(document.body).fontSize") == "16px"
        screenshot(page, f"{name}-{width}")
    page.close()
    # The 404 page's own status shows as a response and a console error; anything else is a fault.
    assert [fault for fault in faults if PAGES["not-found"] not in fault] == []


def test_the_skip_link_is_the_first_stop_and_becomes_visible(browser, live_archive):
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(live_archive.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to content"
    box = page.locator(".skip-link").bounding_box()
    assert box["y"] >= 0
    page.close()
