"""The admin's live Markdown preview: the page's renderer and sanitiser, for staff only."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from common.text import render_markdown
from events.models.fields import MARKDOWN_MAX_LENGTH

pytestmark = pytest.mark.django_db

URL = reverse("admin:markdown-preview")


def test_the_preview_is_the_html_the_page_will_show(admin_client):
    text = "## Programme\n\nA **full** day in [Milan](https://example.org)."

    response = admin_client.post(URL, {"text": text})

    assert response.status_code == 200
    html = response.json()["html"]
    assert html == render_markdown(text)
    assert "<h2>Programme</h2>" in html and "<strong>full</strong>" in html


def test_the_preview_drops_scripts_and_event_handlers(admin_client):
    text = 'Hello <script>alert("x")</script><img src=x onerror="alert(1)"> [link](javascript:alert(1))'

    html = admin_client.post(URL, {"text": text}).json()["html"]

    assert "<script" not in html and "alert" not in html and "onerror" not in html
    assert "javascript:" not in html


def test_the_preview_refuses_anonymous_visitors(client):
    response = client.post(URL, {"text": "**bold**"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_the_preview_refuses_a_signed_in_user_who_is_not_staff(client):
    client.force_login(User.objects.create_user("visitor", password="a-long-visitor-passphrase"))

    response = client.post(URL, {"text": "**bold**"})

    assert response.status_code == 302
    assert "strong" not in response.content.decode()


def test_the_preview_refuses_text_longer_than_the_field_takes(admin_client):
    assert admin_client.post(URL, {"text": "a" * MARKDOWN_MAX_LENGTH}).status_code == 200

    response = admin_client.post(URL, {"text": "a" * (MARKDOWN_MAX_LENGTH + 1)})

    assert response.status_code == 400
    assert "50,000" in response.content.decode()


def test_the_preview_takes_only_a_post_with_the_csrf_token():
    staff = Client(enforce_csrf_checks=True)
    staff.force_login(User.objects.create_superuser("olga", "olga@example.org", "a-long-passphrase"))

    assert staff.get(URL).status_code == 405
    assert staff.post(URL, {"text": "**bold**"}).status_code == 403
