"""Writing to registrants in a real browser: the compose form, the preview in its frame, sending,
the sent message with its recipients, and the e-mail as received from the real SMTP server."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from registrations.models import Announcement, Registration
from tests.registrations_helpers import on_site_edition, run_worker

from .conftest import screenshot, signed_in_admin

BODY = """Dear participants,

the programme of **Clusters meet Regions Vilnius** is final. Please bring:

- your badge (sent with your approval),
- an ID card for the site visit.

The [full programme](https://example.org/programme) is online. <script>alert(1)</script>"""


def shoot(page, name):
    for width in (1440, 375):
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(page, f"{name}-{width}")


@pytest.fixture
def signed_in(browser, transactional_db, live_server):
    page, errors = signed_in_admin(browser, live_server.url)
    yield page, live_server.url, errors
    page.close()


def test_an_organiser_writes_previews_and_sends_a_message_that_arrives_once_in_the_layout(
    signed_in, smtp_server, browser
):
    page, base, errors = signed_in
    edition = on_site_edition(
        title="Clusters meet Regions Vilnius",
        registration_places=10,
        contact_email="team@vilnius.example.org",
    )
    for name, status in [("Ana Kowalska", "approved"), ("Bo Jensen", "approved"), ("Cy Wait", "waiting")]:
        email = name.split()[0].lower() + "@example.org"
        fields = {"organisation": "A cluster", "country": "LT", "kind": "cluster"}
        Registration.objects.create(edition=edition, name=name, email=email, status=status, **fields)

    page.goto(
        base + reverse("admin:registrations_registration_changelist") + f"?edition__id__exact={edition.pk}"
    )
    page.get_by_role("link", name="Write to them").click()
    page.get_by_label("Subject").fill("What to bring on 24 April")
    page.get_by_label("Message").fill(BODY)
    shoot(page, "admin-message-compose")
    page.get_by_role("button", name="Save and preview").click()

    expect(page.get_by_role("button", name="Send to 2 people")).to_be_visible()
    frame = page.frame_locator("iframe.announcement-email-frame")
    expect(frame.locator("h1")).to_have_text("What to bring on 24 April")
    expect(frame.locator("li").first).to_have_text("your badge (sent with your approval),")
    assert frame.locator("script").count() == 0
    shoot(page, "admin-message-preview")

    page.get_by_role("button", name="Send to 2 people").click()
    expect(page.locator(".messagelist")).to_contain_text("on its way to 2 people")
    run_worker()
    page.reload()
    expect(page.locator(".field-state")).to_contain_text("2 delivered, 0 queued, 0 failed")
    shoot(page, "admin-message-sent")

    assert sorted(m["To"] for m in smtp_server.messages) == ["ana@example.org", "bo@example.org"]
    assert Announcement.objects.get().messages.count() == 2
    (received,) = smtp_server.to("ana@example.org")
    assert received["Reply-To"] == "team@vilnius.example.org"
    email = browser.new_page()
    email.set_content(received.get_body(("html",)).get_content())
    shoot(email, "email-message-to-registrants")
    email.close()
    assert errors == []
