"""The organisers' admin in a real browser: the edition list's columns and the live Markdown preview."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from events.models import Edition

from .conftest import SCREENSHOTS, signed_in_admin


@pytest.fixture
def signed_in(browser, live_archive):
    """A page signed in as a superuser, and the pages' errors (console, failed requests)."""
    page, errors = signed_in_admin(browser, live_archive.url)
    yield page, live_archive.url, errors
    page.close()


def test_the_edition_list_gives_titles_room_and_never_clips_a_status_at_1440_px(signed_in):
    page, base, errors = signed_in
    page.goto(base + reverse("admin:events_edition_changelist"))

    title_width = page.locator("#result_list th.column-title").evaluate(
        "th => th.getBoundingClientRect().width"
    )
    clipped = page.locator("#result_list td.field-status_label").evaluate_all(
        "cells => cells.filter(cell => cell.scrollWidth > cell.clientWidth).map(cell => cell.textContent)"
    )
    statuses = page.locator("#result_list td.field-status_label").count()
    # Every column in view: the list does not scroll sideways inside its box.
    table_overflow = page.locator(".results").evaluate("box => box.scrollWidth - box.clientWidth")
    page_width = page.evaluate("document.documentElement.scrollWidth")
    page.screenshot(path=SCREENSHOTS / "admin-edition-list-1440.png", full_page=True)
    page.set_viewport_size({"width": 375, "height": 800})
    page.screenshot(path=SCREENSHOTS / "admin-edition-list-375.png", full_page=True)

    assert title_width >= 200, f"the title column is {title_width:.0f} px wide"
    assert statuses == Edition.objects.count() and clipped == []
    assert table_overflow <= 0 and page_width <= 1440
    assert errors == []


def test_the_preview_shows_the_organiser_s_markdown_as_the_page_will(signed_in):
    page, base, errors = signed_in
    edition = Edition.objects.get(slug="charleroi-2024")
    page.goto(base + reverse("admin:events_edition_change", args=[edition.pk]))
    preview = page.locator(".field-description .markdown-preview-body")
    # On load: the description already saved.
    expect(preview.locator("p").first).to_be_visible()

    page.locator("#id_description").fill("")
    page.locator("#id_description").press_sequentially(
        "## Programme\n\nA **full** day. <script>alert(1)</script>"
    )

    expect(preview.locator("h2")).to_have_text("Programme")
    expect(preview.locator("strong")).to_have_text("full")
    assert "<script" not in preview.inner_html()
    page.screenshot(path=SCREENSHOTS / "admin-edition-form-1440.png", full_page=True)
    page.set_viewport_size({"width": 375, "height": 800})
    page.screenshot(path=SCREENSHOTS / "admin-edition-form-375.png", full_page=True)
    assert errors == []
