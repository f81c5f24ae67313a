"""The check-in pages on a phone and a desktop: the edition's page for the day (search, tap) and
the page a check-in code opens, signed out and signed in, before and after the tap; the approved
e-mail with its code. axe finds nothing, nothing scrolls sideways, every tap target is 44 px high."""

import base64
import datetime

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from events.models import Edition
from registrations import emails
from registrations.models import Message
from tests.factories import RegistrationFactory

from .conftest import ADMIN_PASSWORD, new_page, screenshot
from .standards import axe_violations, nu_errors, saved

pytestmark = pytest.mark.db_independent
WIDTHS = [375, 1440]
# 09:00 in Brussels on the first of the factory edition's two days; the clock runs on.
MORNING = datetime.datetime(2026, 3, 10, 8, 0, tzinfo=datetime.UTC)

TARGETS = ", ".join(
    [
        "#content-main button",
        "#content-main summary",
        "#content-main input:not([type=hidden])",
        ".check-in-days a",
    ]
)
TAP_TARGETS = f"""() => [...document.querySelectorAll('{TARGETS}')]
    .filter(e => e.offsetParent !== null).map(e => e.getBoundingClientRect().height)"""


def fits(page):
    return page.evaluate("document.documentElement.scrollWidth - innerWidth") <= 0


def shoot(page, name, width):
    screenshot(page, f"check-in-{name}-{width}")


def look(page, name, width):
    """axe's findings on the page as it stands, once it is known to fit and is photographed."""
    assert fits(page), f"{name} scrolls sideways at {width}px"
    shoot(page, name, width)
    return axe_violations(page)


def sign_in(page, base_url):
    page.goto(base_url + reverse("admin:login"))
    page.get_by_label("Username").fill("olga")
    page.get_by_label("Password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")


@pytest.fixture
def people(transactional_db, time_machine):
    time_machine.move_to(MORNING, tick=True)
    ana = RegistrationFactory(
        name="Ana Sofia Lopes de Almeida Figueiredo",
        organisation="Basque Energy Cluster and Regional Innovation Agency",
        country="ES",
        edition__title="Clusters meet Regions: Bilbao, energy transition in industrial regions",
        edition__registration_places=40,
    )
    for name, organisation in [("Bruno Silva", "Porto Tech Hub"), ("Chiara Rossi", "Regione Lombardia")]:
        RegistrationFactory(edition=ana.edition, name=name, organisation=organisation)
    User.objects.create_superuser("olga", "olga@example.org", ADMIN_PASSWORD)
    return ana


@pytest.mark.parametrize("width", WIDTHS)
def test_the_check_in_page_works_on_a_phone_and_a_desktop(browser, live_server, people, width):
    page = new_page(browser, width)
    sign_in(page, live_server.url)
    url = reverse("admin:attendance_attendance_check_in", args=[people.edition.pk, "2026-03-10"])
    page.goto(live_server.url + url)
    assert page.get_by_role("status").first.inner_text() == "0 present of 3 expected"
    assert min(page.evaluate(TAP_TARGETS)) >= 44
    found = {"before": look(page, "page-before", width)}
    page.get_by_label("Name or organisation").fill("basque")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("button", name=f"Check in {people.name}").click()
    page.wait_for_url(live_server.url + url)
    assert page.locator(".check-in-count").inner_text() == "1 present of 3 expected"
    assert page.get_by_label("Name or organisation").input_value() == ""
    assert page.get_by_role("button", name=f"Undo the check-in of {people.name}").is_visible()
    page.get_by_text("Add a walk-in").click()
    found["after"] = look(page, "page-after", width)
    for field, value in [("name", "Ana Lopes"), ("email", people.email), ("organisation", "BEC")]:
        page.locator(f"#id_walk_in-{field}").fill(value)
    page.locator("#id_walk_in-country").select_option("ES")
    page.locator("#id_walk_in-kind").select_option("cluster")
    page.get_by_role("button", name="Add and check in").click()
    page.get_by_text("They are already checked in").wait_for()
    assert "is already registered" in page.get_by_role("alert").inner_text()
    found["already"] = look(page, "page-already-registered", width)
    page.context.close()
    assert {state: v for state, v in found.items() if v} == {}


@pytest.mark.parametrize("width", WIDTHS)
def test_the_page_a_code_opens_signed_out_then_signed_in_before_and_after_the_tap(
    browser, live_server, people, width
):
    code = live_server.url + people.check_in_url()
    page = new_page(browser, width)
    page.goto(code)
    assert people.name not in page.content()
    found = {"signed-out": look(page, "code-signed-out", width)}
    page.get_by_role("link", name="Sign in as an organiser").click()
    page.get_by_label("Username").fill("olga")
    page.get_by_label("Password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(code)
    button = page.get_by_role("button", name="Check in for Tuesday 10 March")
    assert button.bounding_box()["height"] >= 44
    found["before"] = look(page, "code-before", width)
    button.click()
    assert page.get_by_role("status").inner_text() == f"{people.name} is checked in for Tuesday 10 March."
    found["after"] = look(page, "code-after", width)
    page.context.close()
    assert {state: v for state, v in found.items() if v} == {}


@pytest.mark.parametrize("width", WIDTHS)
def test_the_approved_emails_code_is_below_its_button_and_fits(browser, people, width):
    edition = people.edition
    Edition.objects.filter(pk=edition.pk).update(format=Edition.Format.IN_PERSON)
    email = emails.build(Message(registration=people, kind="approved"))
    (image,) = email.images
    html = email.alternatives[0][0].replace(
        "cid:check-in-code", "data:image/png;base64," + base64.b64encode(image.data).decode()
    )
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.set_content(html)
    assert fits(page)
    code = page.locator('img[alt="Your check-in code (QR code)"]').bounding_box()
    button = page.locator("td > a", has_text="See my registration").bounding_box()
    assert button["y"] < code["y"]
    assert code["width"] == 200
    shoot(page, "email", width)
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_registrants_page_shows_the_code_on_a_phone_and_a_desktop(browser, live_server, people, width):
    page = new_page(browser, width)
    page.goto(live_server.url + people.manage_url())
    code = page.get_by_role("img", name="Your check-in code")
    assert code.is_visible()
    assert page.get_by_text("Show this at the door").is_visible()
    assert code.bounding_box()["width"] >= 160
    violations = look(page, "own-page", width)
    page.context.close()
    assert violations == []


def test_the_check_in_pages_are_valid_html(people, tmp_path):
    client = Client()
    paths = {"code-signed-out": people.check_in_url()}
    files = saved(client, paths, tmp_path)
    client.force_login(User.objects.get(username="olga"))
    check_in = reverse("admin:attendance_attendance_check_in", args=[people.edition.pk, "2026-03-10"])
    files |= saved(client, {"code-signed-in": people.check_in_url(), "page": check_in}, tmp_path)
    assert nu_errors(files) == []
