"""Item 3's pages in the browser: the registrant's page offering the certificate, and the
verification page's three answers, held to the same checks as every public page (no sideways
scrolling, zero axe violations, valid HTML)."""

import pytest
from django.test import Client
from django.urls import reverse

from attendance import certificates
from registrations import flow
from tests.factories import AttendanceFactory, RegistrationFactory

from .conftest import screenshot
from .standards import axe_violations, nu_errors

pytestmark = pytest.mark.db_independent


def certificate_pages():
    """{name: (path, status)}: an attendee's own page and each answer of the verification page."""
    attendee = RegistrationFactory(name="Łukasz Żółć", organisation="Małopolska Regional Development Agency")
    AttendanceFactory(registration=attendee)
    deleted = RegistrationFactory()
    AttendanceFactory(registration=deleted)
    gone = certificates.code(deleted)
    flow.delete(deleted.pk)
    verify = "certificates:verify"
    return {
        "certificate-own-page": (attendee.manage_url(), 200),
        "certificate-genuine": (reverse(verify, args=[certificates.code(attendee)]), 200),
        "certificate-gone": (reverse(verify, args=[gone]), 410),
        "certificate-not-genuine": (reverse(verify, args=["forged:code"]), 404),
    }


@pytest.mark.parametrize("width", [375, 1440])
def test_the_certificate_pages_fit_the_screen_and_have_zero_axe_violations(
    browser, transactional_db, live_server, width
):
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 800})
    page = context.new_page()
    found = {}
    for name, (path, status) in certificate_pages().items():
        response = page.goto(live_server.url + path)
        assert response.status == status, path
        overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"
        screenshot(page, f"{name}-{width}")
        violations = axe_violations(page)
        if violations:
            found[name] = violations
    context.close()
    assert found == {}


def test_the_certificate_pages_are_valid_html(db, tmp_path):
    client, files = Client(), {}
    for name, (path, status) in certificate_pages().items():
        response = client.get(path)
        assert response.status_code == status, path
        file = tmp_path / f"{name}.html"
        file.write_bytes(response.content)
        files[str(file)] = path
    assert nu_errors(files) == []
