"""The admin pages issue 23 restyled (the sign-in, the index, editions, registrations, applications,
calls, the FAQ, the site's identity): zero axe-core violations (WCAG 2.2 AA) and valid HTML, as the
public pages (tests/browser/test_standards.py)."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from registrations import flow
from tests.factories import ApplicationFactory
from tests.registrations_helpers import on_site_edition

from .conftest import ADMIN_PASSWORD, new_page
from .standards import axe_violations, nu_errors, saved

pytestmark = [pytest.mark.db_independent, pytest.mark.postgresql_suite]


def admin_paths():
    """Each restyled admin page, with an edition open for registration, a registrant and an application."""
    edition = on_site_edition()
    registration = flow.create(
        edition, name="Anna Nowak", email="anna@example.org", organisation="Silesian Cluster", country="PL",
        kind="cluster",
    )  # fmt: skip
    application = ApplicationFactory()
    return {
        "index": reverse("admin:index"),
        "editions": reverse("admin:events_edition_changelist"),
        "edition": reverse("admin:events_edition_change", args=[edition.pk]),
        "registrations": reverse("admin:registrations_registration_changelist"),
        "registration": reverse("admin:registrations_registration_change", args=[registration.pk]),
        "applications": reverse("admin:hosting_application_changelist"),
        "application": reverse("admin:hosting_application_change", args=[application.pk]),
        "call": reverse("admin:events_callforhosts_add"),
        "faq": reverse("admin:events_faqentry_changelist"),
        "identity": reverse("admin:events_siteidentity_changelist"),
    }


@pytest.mark.parametrize("width", [375, 1440])
def test_the_restyled_admin_pages_have_zero_axe_violations(browser, live_archive, width):
    User.objects.create_superuser("ada", "ada@example.org", ADMIN_PASSWORD)
    paths = admin_paths()
    page = new_page(browser, width)
    page.goto(live_archive.url + reverse("admin:login"))
    found = {"sign-in": axe_violations(page)}
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")
    for name, path in paths.items():
        page.goto(live_archive.url + path)
        found[name] = axe_violations(page)
    page.context.close()
    assert {name: violations for name, violations in found.items() if violations} == {}


def test_the_restyled_admin_pages_are_valid_html(live_archive, tmp_path):
    client = Client()
    files = saved(client, {"sign-in": reverse("admin:login")}, tmp_path)
    client.force_login(User.objects.create_superuser("ada", "ada@example.org", ADMIN_PASSWORD))
    files |= saved(client, admin_paths(), tmp_path)
    assert nu_errors(files) == []
