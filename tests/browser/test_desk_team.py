"""A host team in a real browser: an organiser adds a person on the edition's page, the person
sets a password from the invitation and signs in to their edition only; a forgotten password
is reset from the login page. Each page and e-mail is photographed at 1440 and 375 px."""

import re

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from desk import emails
from desk.models import StaffMessage
from events.models import Edition
from events.roles import ORGANISERS
from tests.factories import EditionFactory

from .conftest import screenshot

PASSWORD = "a-long-organiser-passphrase"
NEW_PASSWORD = "vera-chose-this-passphrase"  # noqa: S105 (a test user's)
WIDTHS = (1440, 375)


def watched(page):
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("response", lambda response: response.status >= 400 and errors.append(response.url))
    return errors


def shoot(page, name, locator=None):
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(locator or page, f"{name}-{width}", full_page=not locator)
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})


def shoot_email(browser, message, name):
    html = next(body for body, kind in message.alternatives if kind == "text/html")
    page = browser.new_page()
    page.set_content(html)
    shoot(page, name)
    page.close()


def sign_in(page, base, username, password):
    page.goto(base + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")


@pytest.fixture
def editions(transactional_db):
    ours = EditionFactory(title="Clusters meet Regions: Vilnius", city="Vilnius", country="LT")
    EditionFactory(
        title="Clusters meet Regions: Zagreb", city="Zagreb", country="HR", status=Edition.Status.DRAFT
    )
    olga = User.objects.create_user("olga", "olga@example.eu", PASSWORD, is_staff=True)
    olga.groups.add(Group.objects.get(name=ORGANISERS))
    return ours


def test_an_organiser_adds_a_team_member_who_sets_a_password_and_sees_only_their_edition(
    browser, live_server, editions
):
    base = live_server.url
    page = browser.new_page(viewport={"width": WIDTHS[0], "height": 900})
    errors = watched(page)
    sign_in(page, base, "olga", PASSWORD)
    page.goto(f"{base}/admin/events/edition/{editions.pk}/change/")
    team = page.locator(".inline-group").filter(has_text="Host team")
    team.get_by_role("button", name=re.compile("Add another team member", re.IGNORECASE)).click()
    team.locator("input[name$='-0-name']").fill("Vera Petrauskienė")
    team.locator("input[name$='-0-email']").fill("vera@example.lt")
    page.get_by_role("button", name="Save and continue editing").first.click()
    page.wait_for_load_state("load")
    expect(team).to_contain_text("Invited: no password set yet")
    team.scroll_into_view_if_needed()
    shoot(page, "desk-edition-team", team)
    page.close()

    invitation = emails.build(StaffMessage.objects.get(kind=StaffMessage.Kind.INVITATION))
    shoot_email(browser, invitation, "desk-email-invitation")
    path = re.search(r"https?://[^/\s]+(/admin/reset/\S+/)", invitation.body).group(1)

    visitor = browser.new_page(viewport={"width": WIDTHS[0], "height": 900})
    errors += watched(visitor)
    visitor.goto(base + path)
    expect(visitor.get_by_label("New password")).to_be_visible()
    shoot(visitor, "desk-set-password")
    visitor.get_by_label("New password").fill(NEW_PASSWORD)
    visitor.get_by_label("Confirm password").fill(NEW_PASSWORD)
    visitor.get_by_role("button", name="Change my password").click()
    visitor.wait_for_url("**/admin/reset/done/")
    shoot(visitor, "desk-password-set")

    sign_in(visitor, base, "vera@example.lt", NEW_PASSWORD)
    expect(visitor.locator("#content-main")).to_contain_text("Editions")
    shoot(visitor, "desk-team-index")
    visitor.goto(base + "/admin/events/edition/")
    expect(visitor.locator("#result_list")).to_contain_text("Vilnius")
    expect(visitor.locator("#result_list")).not_to_contain_text("Zagreb")
    shoot(visitor, "desk-team-edition-list")
    visitor.close()
    assert errors == []


def test_a_forgotten_password_is_asked_for_from_the_login_page(browser, live_server, editions):
    base = live_server.url
    page = browser.new_page(viewport={"width": WIDTHS[0], "height": 900})
    errors = watched(page)
    page.goto(base + "/admin/login/")
    shoot(page, "desk-login")
    page.get_by_role("link", name="Forgotten your login credentials?").click()
    shoot(page, "desk-password-reset")
    page.get_by_label("Email address").fill("olga@example.eu")
    page.get_by_role("button", name="Reset my password").click()
    page.wait_for_url("**/admin/password_reset/done/")
    shoot(page, "desk-password-reset-done")
    page.close()
    reset = emails.build(StaffMessage.objects.get(kind=StaffMessage.Kind.PASSWORD_RESET))
    shoot_email(browser, reset, "desk-email-password-reset")
    assert errors == []
