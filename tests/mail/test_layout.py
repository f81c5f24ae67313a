"""Every e-mail in the one layout: the same footer, one greeting style, a button for the main
action, and a plain part that says what the HTML says."""

import re

import pytest

from tests.mail_samples import every_email

pytestmark = pytest.mark.django_db

FOOTER = "Clusters meet Regions, European Cluster Collaboration Platform"
# Nothing to do after these: the footer still links the registration's page.
WITHOUT_ACTION = {
    "registration-declined",
    "registration-cancelled",
    "hosting-shortlisted",
    "hosting-accepted",
}


@pytest.fixture
def emails():
    return every_email()


def test_every_email_ends_with_the_same_footer_in_both_parts(emails):
    for name, (email, _) in emails.items():
        html = email.alternatives[0][0]
        assert "\n-- \n" + FOOTER in email.body, name
        assert "European Cluster Collaboration Platform</p>" in html, name
        assert "You receive this because" in email.body and "You receive this because" in html, name


def test_every_greeting_is_dear_and_the_full_name(emails):
    for name, (email, _) in emails.items():
        assert not re.search(r"^Hello\b", email.body, re.M), name
        if name.startswith(("registration-", "hosting-", "desk-")) and name != "hosting-notice":
            assert email.body.startswith("Dear Anna Nowak,\n\n"), name


def test_each_main_action_is_a_button_with_its_address_once_more_as_a_fallback_line(emails):
    for name, (email, action) in emails.items():
        if name in WITHOUT_ACTION:
            assert action == "", name
            continue
        assert action.startswith("http"), name
        html = email.alternatives[0][0].replace("&amp;", "&")
        assert "If the button does not work, open <a href" in html and html.count(action) >= 3, name
        assert action in email.body, name


def test_the_plain_part_has_every_link_of_the_html_part(emails):
    for name, (email, _) in emails.items():
        links = set(re.findall(r'href="([^"]+)"', email.alternatives[0][0].replace("&amp;", "&")))
        missing = {link for link in links if link not in email.body and link.rstrip("/") not in email.body}
        assert missing == set(), name


def test_the_alerts_confirmation_offers_no_unsubscribe_and_its_link_only_as_the_button(emails):
    email, action = emails["alert-confirm"]
    html = email.alternatives[0][0]
    assert "Unsubscribe" not in html and "Change what you receive" not in html
    assert "List-Unsubscribe" not in email.extra_headers
    # The button, the fallback line under it, and no raw link above them.
    assert html.count(action) == 3 and html.index("If you did not ask") > html.index(action)
    assert email.body.count(action) == 1


def test_a_new_editions_alert_has_a_register_button_while_registration_is_open(emails):
    email, action = emails["alert-new-edition"]
    assert action.endswith("/register/") and ">Register</a>" in email.alternatives[0][0]
    assert f"Register: {action}" in email.body
    assert "Unsubscribe" in email.alternatives[0][0] and "List-Unsubscribe" in email.extra_headers
