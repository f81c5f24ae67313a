"""The registration journey against a real SMTP server (aiosmtpd), through the task queue's worker."""

import datetime

import pytest
from django.core.management import call_command
from icalendar import Calendar

from common.timezones import zone
from events.models import Approval, Edition
from registrations import flow, places
from registrations.models import Message, Registration
from tests.registrations_helpers import STAFF, link, on_site_edition, run_worker

# Transactional: the worker (db_worker) closes the connection when its batch is done.
pytestmark = pytest.mark.django_db(transaction=True)

BRUSSELS = zone("Europe/Brussels")
NOW = datetime.datetime(2030, 4, 1, 12, 0, tzinfo=BRUSSELS)


@pytest.fixture
def now(time_machine):
    time_machine.move_to(NOW, tick=False)
    return NOW


def form(email="ana@example.org", country="BE", **fields):
    return {
        "name": "Ana Example",
        "email": email,
        "organisation": "A cluster",
        "country": country,
        "kind": "cluster",
        "consent": "on",
        "website": "",
        **fields,
    }


def register(client, edition, **fields):
    return client.post(f"/editions/{edition.slug}/register/", form(**fields))


def confirm(client, smtp_server, email):
    (message,) = [m for m in smtp_server.to(email) if "confirm" in m["Subject"].lower()]
    url = link(message, "confirm/")
    assert client.get(url).status_code == 200  # the page with the button confirms nothing
    assert Registration.objects.get(email=email).status == Registration.Status.UNCONFIRMED
    return client.post(url)


def calendar_of(message):
    (part,) = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    return Calendar.from_ical(part.get_content())


def test_the_whole_journey_register_confirm_pending_approve_move_cancel(client, smtp_server, eu_group, now):
    edition = on_site_edition(registration_approval=Approval.INDIVIDUAL, registration_group=eu_group)

    response = register(client, edition)
    assert response.status_code == 200
    assert b"Check your inbox" in response.content
    run_worker()
    (confirm_mail,) = smtp_server.to("ana@example.org")
    assert confirm_mail.get_body(("html",)) is not None

    assert confirm(client, smtp_server, "ana@example.org").status_code == 302
    registration = Registration.objects.get()
    assert registration.status == Registration.Status.PENDING
    run_worker()
    assert "pending approval" in smtp_server.messages[-1]["Subject"]

    flow.approve(registration.pk, by=STAFF)
    run_worker()
    approved = smtp_server.messages[-1]
    assert approved["Subject"].startswith("You are registered")
    text = approved.get_body(("plain",)).get_content()
    assert "08:30 CEST (UTC+02:00)" in text
    assert "https://meet.example.org/secret-room" in text  # the join link, to approved registrants only
    event = calendar_of(approved).walk("VEVENT")[0]
    assert str(event["UID"]) == str(edition.uid)
    assert event["SEQUENCE"] == edition.sequence

    edition.refresh_from_db()
    edition.start_time = datetime.time(9, 0)
    edition.save()
    run_worker()
    changed = smtp_server.messages[-1]
    assert changed["Subject"].startswith("Changed")
    moved = calendar_of(changed).walk("VEVENT")[0]
    assert str(moved["UID"]) == str(edition.uid)
    assert moved["SEQUENCE"] == edition.sequence > event["SEQUENCE"]

    edition.status = Edition.Status.CANCELLED
    edition.save()
    run_worker()
    cancelled = smtp_server.messages[-1]
    assert cancelled["Subject"].startswith("Cancelled")
    assert str(calendar_of(cancelled).walk("VEVENT")[0]["STATUS"]) == "CANCELLED"
    assert len(smtp_server.messages) == 5


def test_no_email_but_the_confirmation_ever_carries_the_join_link(client, smtp_server, now):
    edition = on_site_edition(registration_approval=Approval.INDIVIDUAL)
    register(client, edition)
    run_worker()
    confirm(client, smtp_server, "ana@example.org")
    run_worker()
    for message in smtp_server.messages:
        assert "secret-room" not in message.as_string()


def test_a_registrant_from_an_ineligible_country_is_refused_with_the_reason_and_nothing_is_stored(
    client, smtp_server, eu_group, now
):
    edition = on_site_edition(registration_group=eu_group)
    response = register(client, edition, country="NO")
    assert response.status_code == 400
    assert b"EU member states only" in response.content
    assert b"Norway" in response.content
    run_worker()
    assert not Registration.objects.exists()
    assert smtp_server.messages == []


def test_the_same_address_twice_gets_a_friendly_answer_and_no_second_registration(client, smtp_server, now):
    edition = on_site_edition()
    register(client, edition)
    response = register(client, edition, email="ANA@example.org")
    assert response.status_code == 200
    assert b"Check your inbox" in response.content  # the same answer as for a new address
    run_worker()
    assert Registration.objects.count() == 1
    assert len(smtp_server.messages) == 1


def test_three_confirmed_requests_for_two_places_and_the_offer_passes_on_after_its_time(
    client, smtp_server, time_machine, now
):
    edition = on_site_edition(registration_places=2, registration_offer_hours=48)
    for name in ("a", "b", "c", "d"):
        register(client, edition, email=f"{name}@example.org")
    run_worker()
    for name in ("a", "b", "c", "d"):
        confirm(client, smtp_server, f"{name}@example.org")
    status = dict(Registration.objects.values_list("email", "status"))
    assert status == {"a@example.org": "approved", "b@example.org": "approved",
                      "c@example.org": "waiting", "d@example.org": "waiting"}  # fmt: skip

    flow.cancel(Registration.objects.get(email="a@example.org").pk)
    c, d = Registration.objects.get(email="c@example.org"), Registration.objects.get(email="d@example.org")
    assert (c.status, d.status) == ("offered", "waiting")  # one place, one offer: never everyone
    run_worker()
    assert any("A place is free" in m["Subject"] for m in smtp_server.to("c@example.org"))
    assert not any("A place is free" in m["Subject"] for m in smtp_server.to("d@example.org"))

    time_machine.move_to(NOW + datetime.timedelta(hours=48, seconds=1), tick=False)
    run_worker()  # the deferred task lapses the offer on time
    c.refresh_from_db()
    d.refresh_from_db()
    assert (c.status, d.status) == ("cancelled", "offered")
    assert Registration.objects.holding_places().count() == 2

    page = client.get(d.manage_url())
    assert b"Take the place" in page.content
    client.post(d.manage_url(), {"action": "accept"})
    d.refresh_from_db()
    assert d.status == "approved"


@pytest.mark.django_db(transaction=True)
def test_places_are_never_exceeded_with_simultaneous_confirmations(smtp_server, monkeypatch, now):
    """Eight threads confirm at the same moment for one place. Counting the places is slowed
    down so that, without the edition's row lock, several would see the place free."""
    import threading
    import time
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    edition = on_site_edition(registration_places=1)
    pks = [flow.create(edition, name=f"P{n}", email=f"p{n}@example.org", organisation="O", country="BE",
                       kind="cluster").pk for n in range(8)]  # fmt: skip
    count_places = places.places_left

    def slow_places_left(edition):
        left = count_places(edition)
        time.sleep(0.2)
        return left

    monkeypatch.setattr(places, "places_left", slow_places_left)
    start = threading.Barrier(len(pks))

    def confirm_in_thread(pk):
        start.wait()
        try:
            for attempt in range(100):
                try:
                    return flow.confirm(pk).status
                except Exception as error:  # SQLite: "database is locked" while another writes
                    if "locked" not in str(error) or attempt == 99:
                        raise
                    time.sleep(0.05)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(pks)) as pool:
        statuses = list(pool.map(confirm_in_thread, pks))
    assert statuses.count("approved") == 1
    assert statuses.count("waiting") == 7
    assert Registration.objects.holding_places().count() == 1


def test_with_the_smtp_server_down_registrations_are_saved_and_sent_once_when_it_returns(
    client, smtp_server, time_machine, now
):
    edition = on_site_edition()
    smtp_server.stop()
    assert register(client, edition).status_code == 200
    run_worker()
    message = Message.objects.get()
    assert message.sent_at is None and message.attempts == 1
    assert "ConnectionRefusedError" in message.last_error

    smtp_server.start()
    run_worker()  # the retry waits its back-off
    assert smtp_server.messages == []
    time_machine.move_to(NOW + datetime.timedelta(minutes=2), tick=False)
    run_worker()
    run_worker()
    assert len(smtp_server.messages) == 1
    # The task run again by hand (as a second worker might) sends nothing more.
    from registrations.tasks import send_message

    send_message.call(message.pk)
    assert len(smtp_server.messages) == 1


def test_the_retention_command_anonymises_after_the_set_days_and_keeps_the_counts(
    client, smtp_server, time_machine, settings, now
):
    settings.REGISTRATION_RETENTION_DAYS = 30
    edition = on_site_edition()
    register(client, edition)
    register(client, edition, email="bo@example.org", country="FR", kind="agency")
    run_worker()
    confirm(client, smtp_server, "ana@example.org")

    time_machine.move_to(edition.ends_at + datetime.timedelta(days=29), tick=False)
    call_command("registrations_retention", verbosity=0)
    assert Registration.objects.filter(email="ana@example.org").exists()

    time_machine.move_to(edition.ends_at + datetime.timedelta(days=30, seconds=1), tick=False)
    call_command("registrations_retention", verbosity=0)
    rows = Registration.objects.order_by("pk")
    assert [(r.name, r.organisation, r.email.endswith("@invalid")) for r in rows] == [("", "", True)] * 2
    assert sorted((r.country.code, r.kind, r.status) for r in rows) == [
        ("BE", "cluster", "approved"),
        ("FR", "agency", "unconfirmed"),
    ]


def test_the_honeypot_stores_and_sends_nothing(client, smtp_server, now):
    edition = on_site_edition()
    response = register(client, edition, website="http://spam.example")
    assert response.status_code == 200
    run_worker()
    assert not Registration.objects.exists()
    assert smtp_server.messages == []


def test_too_many_requests_from_one_address_answer_429(client, smtp_server, settings, now):
    settings.LIMIT_PER_ADDRESS = 2
    edition = on_site_edition()
    assert register(client, edition, email="a@example.org").status_code == 200
    assert register(client, edition, email="b@example.org").status_code == 200
    response = register(client, edition, email="c@example.org")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert Registration.objects.count() == 2


def test_the_registration_page_shows_live_availability_and_a_registration_keeps_the_cache(
    client, smtp_server, now
):
    from events import caching

    edition = on_site_edition(registration_places=2)
    token = caching.current_token()
    page = client.get(f"/editions/{edition.slug}/register/").content.decode()
    assert "2 places left" in page
    # The form says when the event is, so nobody registers for the wrong day.
    assert '<time datetime="2030-04-24">24 April 2030</time>' in page
    assert 'CEST <span class="nowrap">(Europe/Brussels time)</span>' in page
    register(client, edition)
    run_worker()
    confirm(client, smtp_server, "ana@example.org")
    assert b"1 place left" in client.get(f"/editions/{edition.slug}/register/").content
    assert caching.current_token() == token


def test_the_registrant_can_delete_their_data_and_the_place_goes_to_the_first_in_line(
    client, smtp_server, now
):
    edition = on_site_edition(registration_places=1)
    register(client, edition)
    register(client, edition, email="bo@example.org")
    run_worker()
    confirm(client, smtp_server, "ana@example.org")
    confirm(client, smtp_server, "bo@example.org")
    ana = Registration.objects.get(email="ana@example.org")
    response = client.post(ana.manage_url(), {"action": "delete"})
    assert b"Your data is deleted" in response.content
    assert not Registration.objects.filter(email="ana@example.org").exists()
    assert Registration.objects.get(email="bo@example.org").status == "offered"
    assert client.get(ana.manage_url()).status_code == 404
