"""Login throttling (django-axes, cmr_site.lockout): per username from an address, and per address."""

import pytest
from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
ATTACKER = "198.51.100.7"
NEIGHBOUR = "203.0.113.20"


@pytest.fixture
def olga():
    return User.objects.create_user("olga", password="a-long-organiser-passphrase", is_staff=True)


def attempt(client, username, address, password="wrong"):  # noqa: S107 (a wrong password, on purpose)
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_thirty_usernames_from_one_address_lock_the_address_out_after_its_limit(client, settings, olga):
    limit = settings.LOCKOUT_ADDRESS_LIMIT
    assert settings.LOCKOUT_USERNAME_LIMIT < limit < 30
    statuses = [attempt(client, f"guess-{n}", ATTACKER).status_code for n in range(30)]
    # The attempt that reaches the limit is answered with the lock-out page.
    assert statuses == [200] * (limit - 1) + [429] * (30 - limit + 1)
    locked = attempt(client, "olga", ATTACKER, password="a-long-organiser-passphrase")
    assert locked.status_code == 429 and "_auth_user_id" not in client.session
    page = locked.content.decode()
    assert f"sign-in from your address is locked: {limit} sign-in attempts from it failed" in page
    assert "Try again in 30 minutes" in page and locked["Retry-After"] == "1800"


def test_a_locked_out_address_leaves_other_addresses_alone(client, settings, olga):
    settings.LOCKOUT_ADDRESS_LIMIT = 8
    for n in range(8):
        attempt(client, f"guess-{n}", ATTACKER)
    assert attempt(client, "guess-9", ATTACKER).status_code == 429
    assert attempt(client, "guess-9", NEIGHBOUR).status_code == 200
    signed_in = attempt(client, "olga", NEIGHBOUR, password="a-long-organiser-passphrase")
    assert signed_in.status_code == 302 and client.session["_auth_user_id"] == str(olga.pk)


def test_the_username_lock_comes_first_and_spares_other_usernames_from_that_address(client, settings, olga):
    assert settings.LOCKOUT_USERNAME_LIMIT < settings.LOCKOUT_ADDRESS_LIMIT
    for _ in range(settings.LOCKOUT_USERNAME_LIMIT - 1):
        assert attempt(client, "olga", ATTACKER).status_code == 200
    locked = attempt(client, "olga", ATTACKER)
    assert locked.status_code == 429
    assert attempt(client, "olga", ATTACKER, password="a-long-organiser-passphrase").status_code == 429
    page = locked.content.decode()
    assert "sign-in as this user from your address is locked after 5 failed attempts" in page
    assert attempt(client, "olga", NEIGHBOUR, password="a-long-organiser-passphrase").status_code == 302
    assert attempt(client, "someone-else", ATTACKER).status_code == 200


def test_the_address_that_counts_is_the_one_the_proxy_saw_not_the_clients_claim(client, settings, olga):
    settings.LOCKOUT_ADDRESS_LIMIT = 3
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    # Through the proxy, with a different forged X-Forwarded-For each time:
    # nginx overwrote it with the real address, which is the right-most one.
    for n in range(3):
        response = client.post(
            LOGIN,
            {"username": f"guess-{n}", "password": "wrong"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, {ATTACKER}",
        )
    assert response.status_code == 429
    assert attempt(client, "guess-9", ATTACKER).status_code == 429
    assert attempt(client, "guess-9", NEIGHBOUR).status_code == 200


def test_a_successful_sign_in_does_not_wipe_the_addresss_failures(client, settings, olga):
    limit = settings.LOCKOUT_ADDRESS_LIMIT
    half = limit // 2
    assert all(attempt(client, f"guess-{n}", ATTACKER).status_code == 200 for n in range(half))
    signed_in = attempt(client, "olga", ATTACKER, password="a-long-organiser-passphrase")
    assert signed_in.status_code == 302
    client.logout()
    statuses = [attempt(client, f"other-{n}", ATTACKER).status_code for n in range(limit - half)]
    assert statuses[-1] == 429 and statuses[:-1] == [200] * (limit - half - 1)
