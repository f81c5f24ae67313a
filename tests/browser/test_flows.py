"""The flows, at a phone's and a desktop's width: the registrant's page after Confirm (a status badge
and a success message), the step before "Delete my data", the error summaries of the three public
forms leading to their fields, and the FAQ from the register form; axe finds nothing on any of them."""

import datetime

import pytest
from django.utils import timezone

from registrations.models import Registration
from tests.factories import CallForHostsFactory
from tests.registrations_helpers import on_site_edition

from .conftest import fits, new_page, screenshot
from .standards import axe_violations

pytestmark = pytest.mark.db_independent
WIDTHS = [375, 1440]


@pytest.mark.parametrize("width", WIDTHS)
def test_after_confirm_the_registrants_page_shows_a_message_and_a_status_badge(browser, live_server, width):
    edition = on_site_edition()
    registration = Registration.objects.create(
        edition=edition, name="Anna Nowak", email="anna@example.org", organisation="A cluster", country="PL",
        kind="cluster",
    )  # fmt: skip
    page = new_page(browser, width)
    page.goto(live_server.url + registration.get_confirm_url())
    page.get_by_role("button", name="Confirm").click()
    message = page.get_by_role("status")
    message.wait_for()
    assert "Your address is confirmed" in message.inner_text()
    badge = page.locator(".status-line .badge")
    assert badge.is_visible() and badge.inner_text() in {"Approved", "Pending approval"}
    # The message is the first thing on the page, above the heading.
    assert message.bounding_box()["y"] < page.get_by_role("heading", level=1).bounding_box()["y"]
    assert fits(page, width) and axe_violations(page) == []
    screenshot(page, f"registrant-page-{width}")
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_delete_my_data_asks_first_and_its_buttons_are_outlined_in_red(browser, live_server, width):
    edition = on_site_edition()
    registration = Registration.objects.create(
        edition=edition, name="Anna Nowak", email="anna@example.org", organisation="A cluster", country="PL",
        kind="cluster", status="approved",
    )  # fmt: skip
    page = new_page(browser, width)
    page.goto(live_server.url + registration.manage_url())
    delete = page.get_by_role("link", name="Delete my data")
    style = delete.evaluate("e => [getComputedStyle(e).borderTopColor, getComputedStyle(e).backgroundColor]")
    assert style == ["rgb(138, 17, 17)", "rgb(255, 255, 255)"]  # --danger outline on white
    delete.click()
    page.get_by_role("heading", name="Delete your data?").wait_for()
    assert fits(page, width) and axe_violations(page) == []
    page.get_by_role("link", name="No, keep it").click()
    page.get_by_role("heading", name="Your registration").wait_for()
    assert Registration.objects.filter(pk=registration.pk).exists()
    page.get_by_role("link", name="Delete my data").click()
    page.get_by_role("button", name="Yes, delete my data").click()
    page.get_by_role("heading", name="Your data is deleted").wait_for()
    assert not Registration.objects.filter(pk=registration.pk).exists()
    page.context.close()


def send_empty(page, button):
    page.get_by_role("button", name=button).click()
    page.locator("#error-summary").wait_for()
    # Focus is on the summary (no script: autofocus), so a screen reader reads it first.
    assert page.evaluate("document.activeElement.id") == "error-summary"


@pytest.mark.parametrize("width", WIDTHS)
def test_the_alerts_and_apply_error_summaries_lead_to_their_fields(browser, live_server, width):
    call = CallForHostsFactory(apply_url="", deadline=timezone.now() + datetime.timedelta(days=60))
    page = new_page(browser, width)
    page.goto(live_server.url + "/alerts/")
    send_empty(page, "Sign up")
    assert axe_violations(page) == []
    page.get_by_role("link", name="What to hear about: Choose at least one thing to hear about.").click()
    assert page.evaluate("document.activeElement.id") == "id_every_edition"
    page.get_by_role("link", name="E-mail: This field is required.").click()
    assert page.evaluate("document.activeElement.id") == "id_email"

    page.goto(live_server.url + f"/host/calls/{call.pk}/apply/")
    send_empty(page, "Send the application")
    assert fits(page, width) and axe_violations(page) == []
    for label, target in (
        ("Proposed first day: This field is required.", "id_proposed_start"),
        ("Kind of organisation: This field is required.", "id_kind_0"),
        ("Support letter: This field is required.", "id_support_letter"),
    ):
        page.get_by_role("link", name=label).click()
        assert page.evaluate("document.activeElement.id") == target
        # The field is on screen, not hidden under the summary's link.
        assert page.locator(f"#{target}").is_visible()
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_register_forms_faq_link_opens_the_registrants_answers(browser, live_archive, width):
    page = new_page(browser, width)
    page.goto(live_archive.url + "/editions/sample-edition-demo/register/")
    page.locator('main a[href="/faq/#registrants"]').click()
    heading = page.get_by_role("heading", name="Registering for an edition")
    heading.wait_for()
    # Scrolled to the registrants' section: its heading at the top of the screen.
    assert abs(heading.bounding_box()["y"]) < 50 and page.evaluate("scrollY") > 0
    page.context.close()
