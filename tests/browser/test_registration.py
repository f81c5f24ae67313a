"""Registering on a phone-sized screen: from the edition page, through the form, to "Check your inbox"."""

from registrations.models import Registration
from tests.registrations_helpers import on_site_edition

from .conftest import screenshot, watch_for_faults


def test_a_visitor_on_a_phone_fills_the_registration_form_and_is_asked_to_confirm(
    browser, eu_group, live_archive, settings
):
    settings.SITE_URL = live_archive.url  # the Register button's absolute link leads to this server
    page = browser.new_page(viewport={"width": 375, "height": 740})
    failures = watch_for_faults(page)

    page.goto(live_archive.url + "/editions/sample-edition-demo/")
    page.get_by_role("link", name="Register", exact=True).click()
    page.wait_for_url("**/editions/sample-edition-demo/register/")
    assert "2 places left" in page.content()
    assert "EU member states" in page.content()

    page.get_by_label("Name", exact=True).fill("Ana Example")
    page.get_by_label("E-mail", exact=True).fill("ana@example.org")
    page.get_by_label("Organisation", exact=True).fill("A cluster")
    page.get_by_label("Country", exact=True).select_option("PT")
    page.get_by_label("Cluster organisation").check()
    page.get_by_label("I agree").check()
    screenshot(page, "registration-form-375")
    # Nothing sticks out sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.get_by_role("button", name="Ask for a place").click()

    page.get_by_role("heading", name="Check your inbox").wait_for()
    registration = Registration.objects.get()
    assert (registration.email, registration.country.code, registration.status) == (
        "ana@example.org",
        "PT",
        "unconfirmed",
    )
    assert failures == []


def test_a_form_sent_with_errors_opens_on_its_summary_and_each_line_leads_to_its_field(browser, live_server):
    edition = on_site_edition()
    page = browser.new_page(viewport={"width": 375, "height": 740})
    page.goto(live_server.url + f"/editions/{edition.slug}/register/")
    page.get_by_label("Name", exact=True).fill("Ana Example")
    page.get_by_role("button", name="Ask for a place").click()

    page.get_by_role("heading", name="5 things to correct").wait_for()
    # Focus is on the summary (no script: autofocus), so a screen reader reads it first.
    assert page.evaluate("document.activeElement.id") == "error-summary"
    page.get_by_role("link", name="E-mail: This field is required.").click()
    assert page.evaluate("document.activeElement.id") == "id_email"
    assert page.get_by_label("E-mail", exact=True).get_attribute("aria-invalid") == "true"
    assert page.get_by_label("Name", exact=True).get_attribute("aria-invalid") is None
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
