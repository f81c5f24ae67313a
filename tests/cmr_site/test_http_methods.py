"""Methods other than GET and HEAD: 405 on the read-only public site, CSRF-checked on the admin."""

import pytest
from django.test import Client

from tests.public_urls import PUBLIC_URLS

READ_ONLY_URLS = [*PUBLIC_URLS, "/editions/charleroi-2024/agenda.ics", "/robots.txt"]
WRITE_METHODS = ["POST", "PUT", "DELETE", "PATCH"]


@pytest.fixture
def browser():
    """A client that checks CSRF tokens as a real server does (Django's test client skips the check)."""
    return Client(enforce_csrf_checks=True)


@pytest.mark.parametrize("method", WRITE_METHODS)
@pytest.mark.parametrize("url", READ_ONLY_URLS)
def test_every_public_url_answers_a_write_method_with_405_and_the_methods_it_allows(browser, url, method):
    # No CSRF cookie or token: the 405 must not depend on them.
    response = browser.generic(method, url, "a=b", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 405, (method, url, response.status_code)
    assert response["Allow"] == "GET, HEAD"


@pytest.mark.django_db
def test_a_post_to_the_admin_login_without_a_csrf_token_is_still_refused_with_403(browser):
    response = browser.post("/admin/login/", {"username": "olga", "password": "anything"})
    assert response.status_code == 403


@pytest.mark.django_db
def test_a_refused_csrf_check_shows_the_sites_own_403_page_that_says_to_reload_the_form(browser):
    response = browser.post("/admin/login/", {"username": "olga", "password": "anything"})
    page = response.content.decode()
    assert response.status_code == 403
    assert "<title>Access denied · Clusters meet Regions</title>" in page
    assert "This form has expired" in page and "reload the page and try again" in page
    assert "CSRF verification failed" not in page


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_healthz_answers_405_to_anything_but_get_and_head(method):
    response = getattr(Client(enforce_csrf_checks=True), method)("/healthz")
    assert response.status_code == 405 and response["Allow"] == "GET, HEAD"
