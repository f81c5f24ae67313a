"""The admin login: where an organiser lands afterwards."""

import pytest
from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-organiser-passphrase"  # noqa: S105 (a test user's)


@pytest.fixture
def olga():
    # A real user and a real password: django-axes counts and checks every login.
    return User.objects.create_user("olga", password=PASSWORD, is_staff=True, is_superuser=True)


def log_in(client, query=""):
    return client.post(f"/admin/login/{query}", {"username": "olga", "password": PASSWORD})


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example", "/nonexistent-path/"])
def test_a_next_address_off_the_site_or_without_a_page_lands_on_the_admin_index(client, olga, next_url):
    response = log_in(client, f"?next={next_url}")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get(response["Location"]).status_code == 200


def test_the_login_form_for_a_next_without_a_page_carries_the_admin_index_instead(client):
    page = client.get("/admin/login/?next=/nonexistent-path/").content.decode()
    assert '<input type="hidden" name="next" value="/admin/">' in page


def test_a_next_address_in_the_admin_is_honoured(client, olga):
    response = log_in(client, "?next=/admin/events/edition/")
    assert response.status_code == 302 and response["Location"] == "/admin/events/edition/"


def test_a_login_without_next_lands_on_the_admin_index(client, olga):
    response = log_in(client)
    assert response.status_code == 302 and response["Location"] == "/admin/"
