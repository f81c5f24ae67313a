"""Production behaviour inside Django: security headers, health, the page cache, page weight."""

import datetime
import gzip
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError
from django.urls import reverse

from events.models import Edition
from tests.adminforms import form_data
from tests.factories import EditionFactory, HostFactory
from tests.public_urls import HTML_PAGES, PUBLIC_URLS
from tests.servers import ROOT, SECRET_KEY

pytestmark = pytest.mark.django_db

# A JSON-LD block is data, not script: browsers never run it.
EXECUTABLE_INLINE_SCRIPT = re.compile(r'<script(?![^>]*\s(src=|type="application/ld\+json"))')


def test_check_deploy_is_clean_with_production_settings_from_the_environment():
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "HTTPS"))}
    env.update(
        DEBUG="False",
        SECRET_KEY=SECRET_KEY + "Xy9#",
        ALLOWED_HOSTS="clustersmeetregions.example.eu",
        SITE_URL="https://clustersmeetregions.example.eu",
        ORGANISERS_EMAIL="Clusters meet Regions <organisers@clustersmeetregions.example.eu>",
        ENV_FILE=os.devnull,
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.fixture
def https(settings):
    """The settings HTTPS=True (the production default) gives."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = settings.SECURE_HSTS_PRELOAD = True
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True


def test_every_public_page_carries_the_security_headers(client, archive, https):
    for url in PUBLIC_URLS:
        response = client.get(url, secure=True)
        assert response.status_code == 200, url
        assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        csp = response["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "default-src 'self'" in csp
        assert "frame-ancestors 'none'" in csp and "unsafe" not in csp


def test_plain_http_is_redirected_to_https_but_the_health_check_is_not(client, https):
    response = client.get("/editions/")
    assert response.status_code == 301 and response["Location"] == "https://testserver/editions/"
    assert client.get("/healthz").status_code == 200


def test_pages_have_no_inline_script_style_or_event_handlers(client, archive):
    for url in [*HTML_PAGES, "/admin/login/"]:
        html = client.get(url).content.decode()
        assert not EXECUTABLE_INLINE_SCRIPT.search(html), url
        assert not re.search(r"<style|\sstyle=", html), url
        assert not re.search(r"\son[a-z]+=", html), url


def test_no_page_shows_template_syntax_to_visitors(client, archive):
    # A comment written {# … #} over two lines is printed, not hidden: only {% comment %} spans lines.
    for url in HTML_PAGES:
        html = client.get(url).content.decode()
        assert not re.search(r"\{[#%]|[#%]\}|\{\{ ", html), url


def test_the_session_and_csrf_cookies_are_secure_and_http_only(client, admin_user, https):
    login = client.get("/admin/login/", secure=True)
    assert login.cookies["csrftoken"]["secure"] and login.cookies["csrftoken"]["httponly"]
    response = client.post(
        "/admin/login/",
        {
            "username": "admin",
            "password": "password",
            "csrfmiddlewaretoken": login.cookies["csrftoken"].value,
        },
        secure=True,
        headers={"Referer": "https://testserver/admin/login/"},
    )
    assert response.status_code == 302
    assert response.cookies["sessionid"]["secure"] and response.cookies["sessionid"]["httponly"]


def test_healthz_says_ok_while_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok", "database": "up"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_says_503_without_secrets_when_the_database_fails(client, monkeypatch):
    def broken(*args, **kwargs):
        raise OperationalError('connection to server at "10.0.0.5", port 5432 failed: password for "cmr"')

    monkeypatch.setattr("cmr_site.health.connection.cursor", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "down"}
    assert b"10.0.0.5" not in response.content and b"password" not in response.content


def test_a_page_is_served_from_the_cache_until_content_changes(client, admin_client):
    edition = EditionFactory(title="First title", start_date=datetime.date(2099, 5, 4))
    url = edition.get_absolute_url()
    assert client.get(url)["X-Cache"] == "miss"
    assert client.get(url)["X-Cache"] == "hit"

    # An admin edit: the very next anonymous request renders afresh.
    change = reverse("admin:events_edition_change", args=[edition.pk])
    data = form_data(admin_client.get(change))
    data["title"] = "Second title"
    assert admin_client.post(change, data).status_code == 302
    response = client.get(url)
    assert response["X-Cache"] == "miss" and "Second title" in response.content.decode()

    # A many-to-many link, an edit of a related object, a deletion.
    host = HostFactory(name="Kraków region")
    edition.hosts.add(host)
    assert "Kraków region" in client.get(url).content.decode()
    host.name = "Małopolska"
    host.save()
    assert "Małopolska" in client.get(url).content.decode()
    assert "Second title" in client.get("/").content.decode()
    Edition.objects.get(pk=edition.pk).delete()
    assert client.get(url).status_code == 404
    assert "Second title" not in client.get("/").content.decode()


def test_staff_always_get_a_fresh_page_and_can_preview_drafts(client, admin_client):
    draft = EditionFactory(status=Edition.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    response = admin_client.get(draft.get_absolute_url())
    assert response.status_code == 200 and "X-Cache" not in response
    # The staff page did not land in the cache for visitors.
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_the_cache_follows_the_clock_as_well_as_edits(client, at):
    edition = EditionFactory(
        title="Soon over", start_date=datetime.date(2024, 11, 27), end_date=datetime.date(2024, 11, 28)
    )
    at(2024, 11, 28, 23, 50)
    page = client.get("/").content.decode()
    assert "Next edition" in page and "Soon over" in page
    at(2024, 11, 29, 0, 5)
    page = client.get("/").content.decode()
    # No longer the next edition; the home page now shows it as the latest one held.
    assert "Next edition" not in page and "The latest edition" in page
    assert edition.is_over()


def test_pages_answer_if_none_match_and_if_modified_since_with_304(client, archive):
    for url in PUBLIC_URLS:
        first = client.get(url)
        assert client.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 304, url
        since = client.get(url, headers={"If-Modified-Since": first["Last-Modified"]})
        assert since.status_code == 304, url


def test_the_main_pages_weigh_under_60_kb_compressed_with_their_css(client, archive):
    css = (Path(ROOT) / "static" / "css" / "site.css").read_bytes()
    for url in ["/", "/editions/", "/editions/charleroi-2024/"]:
        html = client.get(url).content
        assert b"<script src" not in html and not EXECUTABLE_INLINE_SCRIPT.search(html.decode())
        weight = len(gzip.compress(html)) + len(gzip.compress(css))
        assert weight < 60_000, (url, weight)
