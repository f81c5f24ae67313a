"""The organisers' admin in a real browser: the edition list's columns and the live Markdown preview."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from events.models import Edition
from registrations import flow

from .conftest import ADMIN_PASSWORD, screenshot, signed_in_admin


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
    screenshot(page, "admin-edition-list-1440")
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot(page, "admin-edition-list-375")

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
    screenshot(page, "admin-edition-form-1440")
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot(page, "admin-edition-form-375")
    assert errors == []


def test_the_sign_in_is_in_the_sites_navy_and_gold_with_a_visible_forgotten_password_link(
    browser, live_archive
):
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(live_archive.url + reverse("admin:login"))
    header = page.locator("#header")
    assert header.evaluate("h => getComputedStyle(h).backgroundColor") == "rgb(14, 42, 71)"
    assert header.evaluate("h => getComputedStyle(h).borderBottomColor") == "rgb(242, 169, 0)"
    assert page.locator("#site-name .mark").is_visible()
    forgot = page.get_by_role("link", name="Forgotten your login credentials?")
    assert forgot.is_visible() and forgot.get_attribute("href") == reverse("admin_password_reset")
    assert page.evaluate("document.documentElement.scrollWidth - innerWidth") <= 0
    screenshot(page, "admin-login-375")
    page.close()


def test_the_time_zone_warning_shows_once_and_never_under_a_date_or_time_alone(browser, live_archive):
    User.objects.create_superuser("zoe", "zoe@example.org", ADMIN_PASSWORD)
    # A browser an hour from the server's Brussels, as an organiser in Lisbon or London in winter.
    context = browser.new_context(viewport={"width": 1440, "height": 900}, timezone_id="Atlantic/Reykjavik")
    page = context.new_page()
    page.goto(live_archive.url + reverse("admin:login"))
    page.get_by_label("Username").fill("zoe")
    page.get_by_label("Password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")
    edition = Edition.objects.get(slug="charleroi-2024")
    page.goto(live_archive.url + reverse("admin:events_edition_change", args=[edition.pk]))
    warnings = page.locator(".timezonewarning")
    shown = warnings.evaluate_all(
        "all => all.filter(w => w.offsetParent).map(w => w.closest('.form-row').className)"
    )
    assert warnings.count() > 1  # Django adds one under each date and time field
    assert shown == ["form-row field-registration_opens_at field-registration_deadline"]
    context.close()


def test_the_registrations_list_keeps_edition_and_status_in_view_at_1440_px(signed_in):
    page, base, errors = signed_in
    call_command("loaddemo", stdout=io.StringIO())
    demo = Edition.objects.get(slug="sample-edition-demo")
    for n, country in enumerate(["PL", "BE", "IT", "FR"]):
        email = f"someone.with.a.long.name{n}@example.org"
        organisation = "An organisation with a long name"
        flow.create(demo, name=f"Registrant {n}", email=email, organisation=organisation, country=country,
                    kind="cluster")  # fmt: skip
    page.goto(base + reverse("admin:registrations_registration_changelist"))
    screenshot(page, "admin-registrations-1440")
    assert page.locator(".results").evaluate("box => box.scrollWidth - box.clientWidth") <= 0
    for column in ["status", "edition"]:
        cell = page.locator(f"#result_list td.field-{column}").first
        assert cell.evaluate("c => c.scrollWidth <= c.clientWidth"), column
    assert errors == []


def test_the_to_do_lists_bullets_stand_by_a_wrapped_titles_first_line_at_375_px(signed_in):
    page, base, _ = signed_in
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(base + reverse("admin:index"))
    links = page.locator(".todo-task li a")
    # An inline link that wraps is one box per line, its bullet beside the first; an inline
    # block is one box, its bullet beside its last line.
    lines = links.evaluate_all("all => all.map(a => a.getClientRects().length)")
    displays = links.evaluate_all("all => all.map(a => getComputedStyle(a).display)")
    assert max(lines) > 1 and set(displays) == {"inline"}
    screenshot(page, "admin-index-375")
