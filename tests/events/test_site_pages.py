"""The privacy and legal notices (events/models/site_pages.py), linked from every page's footer."""

import pytest

from events.models import SitePage
from tests.adminforms import form_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("url", "title"), [("/privacy/", "Privacy notice"), ("/legal/", "Legal notice")])
def test_each_notice_has_the_sites_own_text_until_the_organisers_write_theirs(client, url, title):
    html = client.get(url).content.decode()
    assert f"<h1>{title}</h1>" in html and "&lt;p&gt;" not in html  # the default text rendered, not escaped
    assert f'href="{url}"' in client.get("/").content.decode()


def test_the_privacy_notice_says_visitors_get_no_cookie_and_no_third_party_script(client):
    response = client.get("/privacy/")
    html = response.content.decode()
    assert "sets no cookie for visitors" in html and "third-party script" in html
    assert not response.cookies


def test_an_organiser_rewrites_the_privacy_notice_in_the_admin_and_the_page_follows(client, admin_client):
    form = admin_client.get("/admin/events/sitepage/add/")
    data = form_data(form)
    assert data["kind"] == "privacy" and "sets no cookie" in data["body"]
    data.update(body="We keep **nothing**.")
    assert admin_client.post("/admin/events/sitepage/add/", data).status_code == 302
    assert "We keep <strong>nothing</strong>." in client.get("/privacy/").content.decode()
    # One of each kind: the next page offered is the legal notice, and no third can be added.
    assert form_data(admin_client.get("/admin/events/sitepage/add/"))["kind"] == "legal"
    SitePage.objects.create(kind="legal", title="Legal notice", body="Ours.")
    assert admin_client.get("/admin/events/sitepage/add/").status_code == 403
