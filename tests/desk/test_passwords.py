"""Staff reset a forgotten password by e-mail (desk.passwords), through the queue and the real SMTP server."""

import re

import pytest
from django.contrib.auth.models import User

from desk.models import StaffMessage
from tests.registrations_helpers import run_worker

# The worker closes its connection when done, as db_worker does: each test commits for real.
pytestmark = pytest.mark.django_db(transaction=True)

NEW_PASSWORD = "a-brand-new-passphrase-42"  # noqa: S105 (a test user's)


@pytest.fixture
def olga():
    return User.objects.create_user("olga", "Olga@example.org", "an-old-passphrase-1", is_staff=True)


def set_password_path(message):
    body = message.get_body(("plain",)).get_content()
    return re.search(r"http://127\.0\.0\.1:8000(/admin/reset/\S+/)", body).group(1)


def set_password(client, path, password=NEW_PASSWORD):
    """Follows the link as a browser would: Django moves the token out of the address, then the form."""
    form = client.get(path, follow=True)
    assert form.status_code == 200 and "new_password1" in form.content.decode()
    assert "Your username is <strong>olga</strong>" in form.content.decode()
    return client.post(form.redirect_chain[-1][0], {"new_password1": password, "new_password2": password})


def test_a_forgotten_password_is_reset_by_email_and_the_new_one_signs_in(client, olga, smtp_server):
    login = client.get("/admin/login/").content.decode()
    assert 'href="/admin/password_reset/"' in login

    page = client.get("/admin/password_reset/")
    assert page.status_code == 200 and "Clusters meet Regions — organisers" in page.content.decode()
    assert "view or edit anything" not in page.content.decode()
    sent = client.post("/admin/password_reset/", {"email": "olga@example.org"}, follow=True)
    assert sent.redirect_chain[-1][0] == "/admin/password_reset/done/"
    assert not smtp_server.messages  # queued, not sent in the request
    run_worker()
    (message,) = smtp_server.to("Olga@example.org")
    assert message["Subject"] == "Set a new password for the Clusters meet Regions admin"
    html = message.get_body(("html",)).get_content()
    assert "Set my password" in html and "olga" in message.get_body(("plain",)).get_content()

    path = set_password_path(message)
    done = set_password(client, path)
    assert done.status_code == 302 and done["Location"] == "/admin/reset/done/"
    complete = client.get("/admin/reset/done/").content.decode()
    assert 'href="/admin/login/"' in complete
    # The link works once.
    assert "new_password1" not in client.get(path, follow=True).content.decode()

    client.logout()
    signed_in = client.post("/admin/login/", {"username": "olga", "password": NEW_PASSWORD})
    assert signed_in.status_code == 302 and signed_in["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_known_and_an_unknown_address_get_the_same_answer_and_only_staff_get_mail(
    client, olga, smtp_server
):
    User.objects.create_user("visitor", "visitor@example.org", "a-visitors-passphrase-1", is_staff=False)
    answers = [
        client.post("/admin/password_reset/", {"email": email}, follow=True)
        for email in ("olga@example.org", "nobody@example.org", "visitor@example.org")
    ]
    assert len({(a.redirect_chain[-1][0], a.content) for a in answers}) == 1
    run_worker()
    assert [m["To"] for m in smtp_server.messages] == ["Olga@example.org"]


def test_a_double_click_sends_one_email_and_many_requests_are_limited(client, olga, smtp_server, settings):
    for _ in range(2):
        client.post("/admin/password_reset/", {"email": "olga@example.org"})
    run_worker()
    assert len(smtp_server.messages) == 1 and StaffMessage.objects.count() == 1

    settings.LIMIT_PER_ADDRESS = 3
    statuses = [
        client.post("/admin/password_reset/", {"email": f"x{n}@example.org"}).status_code for n in range(4)
    ]
    assert (
        statuses[-1] == 429 and "Too many requests" in client.post("/admin/password_reset/").content.decode()
    )


def test_a_request_over_the_addresss_limit_is_answered_as_usual_and_sends_nothing(client, olga, settings):
    settings.LIMIT_PER_EMAIL = 0
    answer = client.post("/admin/password_reset/", {"email": "olga@example.org"})
    assert answer.status_code == 302 and answer["Location"] == "/admin/password_reset/done/"
    assert not StaffMessage.objects.exists()
