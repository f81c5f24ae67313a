"""The per-address and per-recipient limits hold across gunicorn workers, and on every form that
sends an e-mail; no text an applicant or an organiser typed becomes a link in an e-mail."""

import datetime
import ipaddress
import os
import random
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
import redis

from alerts import emails as alert_emails
from alerts import flow as alert_flow
from alerts.models import Alert, Subscription
from common import limits
from common.models import RequestCount
from hosting import emails as hosting_emails
from hosting.models import Application, ApplicationMessage
from registrations import emails, flow
from registrations.models import Message
from tests.factories import CallForHostsFactory
from tests.hosting.test_applications import answers
from tests.registrations_helpers import on_site_edition
from tests.servers import collected_static, gunicorn, site_env, throwaway_database

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:63799/0")
LIMIT = 10


def post(url, data, headers):
    request = urllib.request.Request(url, urllib.parse.urlencode(data).encode(), headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.fixture(scope="module")
def migrated_site(tmp_path_factory):
    with throwaway_database(migrated=True) as database_url:
        env = site_env(
            database_url,
            STATIC_ROOT=collected_static(),
            BEHIND_PROXY="True",
            LIMIT_PER_ADDRESS=LIMIT,
        )
        yield env


@pytest.mark.services
@pytest.mark.parametrize("store", ["database", "redis"])
def test_bad_posts_from_one_address_meet_429_at_the_first_post_over_the_limit_across_workers(
    migrated_site, store
):
    env = dict(migrated_site)
    if store == "redis":
        try:
            redis.Redis.from_url(REDIS_URL).ping()
        except redis.RedisError as error:
            pytest.fail(f"No Redis at {REDIS_URL} ({error}): run `make test`, which starts one.")
        env["CACHE_URL"] = REDIS_URL
    # Client networks of this run alone (set as the proxy would), so no other run's count mixes in:
    # a random /64 each, since an IPv6 client is counted by its /64.
    client, other = (str(ipaddress.ip_address("2001:db8::") + (random.getrandbits(32) << 64)) for _ in "ab")
    # The count is per clock hour: a run astride the hour would count in two windows.
    if 3600 - time.time() % 3600 < 15:
        time.sleep(3600 - time.time() % 3600 + 1)
    with gunicorn(env, workers=3) as server:
        url = server.url + "/alerts/subscribe/"
        # Each lacks a choice, so is refused (400) after being counted; a new connection each time.
        statuses = [
            post(url, {"email": "x@example.org"}, {"X-Forwarded-For": client}) for _ in range(LIMIT + 1)
        ]
        elsewhere = post(url, {"email": "x@example.org"}, {"X-Forwarded-For": other})
    assert statuses == [400] * LIMIT + [429]
    assert elsewhere == 400


pytestmark = pytest.mark.django_db


@pytest.fixture
def open_call(at, settings, tmp_path):
    settings.HOSTING_LETTERS_ROOT = tmp_path / "private-letters"
    at(2026, 6, 1, 12, 0)
    return CallForHostsFactory(
        title="Call for 2027", deadline=datetime.datetime(2026, 11, 30, 18, 0, tzinfo=datetime.UTC)
    )


def test_the_database_count_goes_up_by_one_per_request_and_forgets_past_hours(settings, at):
    settings.CACHES = {key: value for key, value in settings.CACHES.items() if key != "limits"}
    settings.LIMIT_PER_EMAIL = 2
    at(2030, 1, 1, 9, 0)
    assert [limits.email_over_limit("A@example.org") for _ in range(3)] == [False, False, True]
    assert RequestCount.objects.get().hits == 3  # the address itself is not stored, its digest is
    at(2030, 1, 1, 10, 0)
    assert not limits.email_over_limit("a@example.org")
    assert RequestCount.objects.get().hits == 1


def test_a_hosting_application_meets_the_per_address_limit_with_429_and_retry_after(
    client, open_call, settings
):
    settings.LIMIT_PER_ADDRESS = 2
    url = f"/host/calls/{open_call.pk}/apply/"
    statuses = [client.post(url, answers(email=f"a{n}@example.org")).status_code for n in range(3)]
    refused = client.post(url, answers(email="a9@example.org"))
    assert statuses == [200, 200, 429]
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert Application.objects.count() == 2


def test_a_hosting_application_meets_the_per_recipient_limit_with_429(client, open_call, settings):
    settings.LIMIT_PER_EMAIL = 1
    url = f"/host/calls/{open_call.pk}/apply/"
    assert client.post(url, answers()).status_code == 200
    again = client.post(url, answers(email="ANNA.NOWAK@example.org"))
    assert again.status_code == 429 and int(again["Retry-After"]) > 0
    assert "Too many requests" in again.content.decode()
    assert ApplicationMessage.objects.count() == 1


def test_an_alert_sign_up_meets_both_limits_with_429(client, settings):
    settings.LIMIT_PER_EMAIL = 1
    settings.LIMIT_PER_ADDRESS = 3
    sign_up = {"email": "ana@example.org", "every_edition": "on", "website": ""}
    assert client.post("/alerts/subscribe/", sign_up).status_code == 200
    recipient = client.post("/alerts/subscribe/", sign_up)
    assert recipient.status_code == 429 and int(recipient["Retry-After"]) > 0
    assert client.post("/alerts/subscribe/", {**sign_up, "email": "bo@example.org"}).status_code == 200
    address = client.post("/alerts/subscribe/", {**sign_up, "email": "cy@example.org"})
    assert address.status_code == 429 and int(address["Retry-After"]) > 0
    assert set(Subscription.objects.values_list("email", flat=True)) == {"ana@example.org", "bo@example.org"}


EVIL = ("http://evil.example", "evil.example/x", "www.evil.com", "evil.com/x")


def hrefs(html):
    return [part.split('"', 1)[0] for part in html.split('href="')[1:]]


def test_an_applicants_typed_text_becomes_no_link_in_the_html_part(client, open_call):
    typed = answers(
        organisation="Visit http://evil.example/login or evil.example/x",
        contact_name="www.evil.com <b>Anna</b>",
        city="evil.com/x",
    )
    assert client.post(f"/host/calls/{open_call.pk}/apply/", typed).status_code == 200
    application = Application.objects.get()
    for kind in ApplicationMessage.Kind:
        message = ApplicationMessage.objects.get_or_create(application=application, kind=kind)[0]
        html = hosting_emails.build(message).alternatives[0][0]
        assert not [href for href in hrefs(html) if "evil" in href]
        assert "<b>Anna</b>" not in html and "&lt;b&gt;Anna&lt;/b&gt;" in html
        assert all(href.startswith("http://127.0.0.1:8000/") for href in hrefs(html))


def test_an_organisers_typed_title_becomes_no_link_in_registration_and_alert_emails():
    edition = on_site_edition(title="Join http://evil.example now, see www.evil.com", city="evil.com/x")
    registration = flow.create(
        edition,
        name="http://evil.example",
        email="p@example.org",
        organisation="O",
        country="BE",
        kind="cluster",
    )
    for kind in (Message.Kind.CONFIRM, Message.Kind.APPROVED, Message.Kind.WAITING):
        message = Message.objects.get_or_create(registration=registration, kind=kind)[0]
        html = emails.build(message).alternatives[0][0]
        assert not [href for href in hrefs(html) if "evil" in href], kind
        assert any(href.startswith("http://127.0.0.1:8000/registrations/") for href in hrefs(html))
    # The join link the organisers set for the online part stays a link in the approved e-mail.
    approved = emails.build(Message.objects.get(registration=registration, kind=Message.Kind.APPROVED))
    assert edition.online_url in hrefs(approved.alternatives[0][0])

    subscription = Subscription.objects.create(email="s@example.org", every_edition=True)
    alert = Alert.objects.create(
        subscription=subscription,
        event_key=f"published:{edition.pk}",
        subject=f"New edition: {edition.title}",
        text=alert_flow.edition_text(edition),
        url=edition.get_absolute_url(),
    )
    html = alert_emails.build(alert).alternatives[0][0]
    assert not [href for href in hrefs(html) if "evil" in href]
    assert "http://127.0.0.1:8000/editions/" in " ".join(hrefs(html))


@pytest.mark.parametrize(
    ("address", "counted_as"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("::ffff:203.0.113.7", "203.0.113.7"),  # an IPv4 client on a dual-stack socket
        ("2001:db8:1:2::1", "2001:db8:1:2::/64"),
        ("2001:DB8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"),
        ("2001:db8:1:3::1", "2001:db8:1:3::/64"),
        ("fe80::1%eth0", "fe80::/64"),
        ("not an address", "not an address"),
    ],
)
def test_an_ipv4_client_is_counted_by_its_address_and_an_ipv6_client_by_its_64(address, counted_as):
    assert limits.client_key(address) == counted_as


def register_from(client, edition, number, **headers):
    answers_ = {"name": "Ana", "email": f"p{number}@example.org", "organisation": "A cluster"}
    answers_ |= {"country": "BE", "kind": "cluster", "consent": "on", "website": ""}
    return client.post(f"/editions/{edition.slug}/register/", answers_, **headers).status_code


def test_one_ipv6_network_counts_as_one_client_and_its_neighbours_apart(client, settings, at):
    # An ordinary home or cloud connection is given a whole /64: 2**64 addresses to rotate through.
    at(2030, 4, 1, 12, 0)
    settings.LIMIT_PER_ADDRESS = 3
    edition = on_site_edition(registration_places=50)
    answers_ = [register_from(client, edition, n, REMOTE_ADDR=f"2001:db8:1:2::{n + 1:x}") for n in range(4)]
    assert answers_ == [200, 200, 200, 429]
    assert register_from(client, edition, 9, REMOTE_ADDR="2001:db8:1:3::1") == 200


def test_ipv4_clients_are_counted_apart_by_their_full_address(client, settings, at):
    at(2030, 4, 1, 12, 0)
    settings.LIMIT_PER_ADDRESS = 1
    edition = on_site_edition(registration_places=50)
    assert [register_from(client, edition, n, REMOTE_ADDR=f"203.0.113.{n}") for n in range(3)] == [200] * 3
    assert register_from(client, edition, 9, REMOTE_ADDR="::ffff:203.0.113.0") == 429


def test_a_forged_forwarded_for_header_does_not_reset_the_limit(client, settings, at):
    at(2030, 4, 1, 12, 0)
    settings.LIMIT_PER_ADDRESS = 3
    edition = on_site_edition(registration_places=50)
    forged = [register_from(client, edition, n, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}") for n in range(4)]
    assert forged == [200, 200, 200, 429]
