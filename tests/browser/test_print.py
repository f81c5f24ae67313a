"""An edition page prints as a clean document of one or two pages."""

import re

import pytest

from .conftest import SCREENSHOTS

# The browser's look: the same on either database, so the PostgreSQL suite leaves it out.
pytestmark = pytest.mark.db_independent


def test_an_edition_prints_on_at_most_two_pages_without_navigation(browser, live_archive):
    page = browser.new_page()
    page.goto(live_archive.url + "/editions/charleroi-2024/")
    page.emulate_media(media="print")
    for hidden in (".site-header", ".site-footer", ".share", ".add-to-calendar"):
        assert not page.locator(hidden).first.is_visible(), hidden
    shown = page.evaluate(
        "getComputedStyle(document.querySelector('main a[href^=\"http\"]'), '::after').content"
    )
    assert shown.startswith('" (http'), shown
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pdf = page.pdf(format="A4", path=str(SCREENSHOTS / "edition-print.pdf"))
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 2, pages
