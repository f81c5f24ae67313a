"""Item 13: every public form sent with errors says so at the top (a linked summary, focused on
arrival), and each invalid field is marked, its message tied to it (registration, hosting, alerts)."""

import re

import pytest

from hosting.forms import ApplicationForm
from tests.registrations_helpers import on_site_edition

pytestmark = pytest.mark.django_db


def summary(html):
    found = re.search(r'<div class="error-summary".*?</div>', html, re.S)
    return found.group(0) if found else ""


def assert_each_error_is_summarised_and_tied_to_its_field(html):
    top = summary(html)
    assert 'tabindex="-1" autofocus' in top  # focus lands on it
    assert html.index("error-summary") < html.index('class="field"')  # above the fields
    targets = re.findall(r'<a href="#([\w-]+)">', top)
    assert targets
    described = " ".join(re.findall(r'aria-describedby="([^"]+)"', html)).split()
    for target in targets:
        control = re.search(rf'<(input|select|textarea)[^>]*\bid="{target}"[^>]*>', html).group(0)
        assert 'aria-invalid="true"' in control
        # The control names its message (a group of radio buttons: its fieldset does).
        error_id = target.removesuffix("_0") + "_error"
        assert error_id in described and html.count(f'id="{error_id}"') == 1
    assert all(f'id="{one}"' in html for one in described), "no aria-describedby names a missing id"
    return targets


def test_the_registration_form_sent_empty_summarises_each_error_and_marks_its_field(client):
    edition = on_site_edition()
    response = client.post(f"/editions/{edition.slug}/register/", {"website": ""})
    assert response.status_code == 400
    html = response.content.decode()
    targets = assert_each_error_is_summarised_and_tied_to_its_field(html)
    assert targets == ["id_name", "id_email", "id_organisation", "id_country", "id_kind_0", "id_consent"]
    assert "<title>Please correct the form: Register" in html
    assert "6 things to correct" in summary(html)
    assert "Name: This field is required." in summary(html)
    assert "Agreement to the privacy notice: Please tick the box" in summary(html)
    # The kind of organisation's radio buttons: the fieldset names its error.
    assert re.search(r'<fieldset[^>]*aria-describedby="id_kind_error"', html)


def test_one_error_is_summarised_alone_and_a_valid_form_shows_no_summary(client):
    edition = on_site_edition()
    data = {"name": "Ana", "email": "not an address", "organisation": "O", "country": "BE"}
    data |= {"kind": "cluster", "consent": "on", "website": ""}
    html = client.post(f"/editions/{edition.slug}/register/", data).content.decode()
    assert "One thing to correct" in summary(html)
    assert re.findall(r'<a href="#([\w-]+)">', summary(html)) == ["id_email"]
    assert "error-summary" not in client.get(f"/editions/{edition.slug}/register/").content.decode()


def test_the_alerts_form_shares_the_summary(client):
    response = client.post("/alerts/subscribe/", {"email": "", "website": ""})
    assert response.status_code == 400
    assert "id_email" in assert_each_error_is_summarised_and_tied_to_its_field(response.content.decode())


def test_the_application_form_shares_the_summary():
    form = ApplicationForm(data={"website": ""})
    assert not form.is_valid()
    assert_each_error_is_summarised_and_tied_to_its_field(form.render())
