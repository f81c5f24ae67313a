"""Item 11: cancelling asks first, e-mails a calendar cancellation and frees the place; a lapsed
offer is told; a cancelled person may ask again, and is told of their new request afresh."""

import datetime

import pytest
from icalendar import Calendar

from registrations import flow
from registrations.models import Registration
from tests.registrations.test_registrations import NOW, calendar_of, confirm, now, register  # noqa: F401
from tests.registrations_helpers import STAFF, on_site_edition, run_worker

# Transactional: the worker (db_worker) closes the connection when its batch is done. The clock
# stands at NOW (test_registrations' fixture).
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("now")]


def approved_and_waiting(client, smtp_server, edition):
    """Ana holds the one place, Bob waits."""
    for email in ("ana@example.org", "bob@example.org"):
        register(client, edition, email=email)
        run_worker()
        confirm(client, smtp_server, email)
    run_worker()
    return tuple(Registration.objects.get(email=f"{name}@example.org") for name in ("ana", "bob"))


def mails(smtp_server, email, subject_start):
    return [m for m in smtp_server.to(email) if m["Subject"].startswith(subject_start)]


def test_cancelling_asks_first_then_frees_the_place_and_sends_a_calendar_cancellation(client, smtp_server):
    edition = on_site_edition(registration_places=1)
    ana, bob = approved_and_waiting(client, smtp_server, edition)
    (approved,) = mails(smtp_server, "ana@example.org", "You are registered")
    entry = calendar_of(approved).walk("VEVENT")[0]

    page = client.get(ana.manage_url()).content.decode()
    cancel_url = ana.manage_url() + "cancel/"
    assert f'href="{cancel_url}"' in page and 'value="cancel"' not in page
    asked = client.get(cancel_url).content.decode()
    assert "Cancel your registration?" in asked
    assert "goes at once to the first person on the waiting list" in asked
    assert 'href="' + ana.manage_url() + '"' in asked  # "No, keep it"
    ana.refresh_from_db()
    assert ana.status == "approved"  # asking changed nothing

    assert client.post(cancel_url).url == ana.manage_url() + "?done=cancelled"
    ana.refresh_from_db()
    bob.refresh_from_db()
    assert (ana.status, bob.status) == ("cancelled", "offered")
    assert "Your registration is cancelled" in client.get(ana.manage_url()).content.decode()
    run_worker()
    (cancelled,) = mails(smtp_server, "ana@example.org", "Your registration is")
    assert cancelled["Subject"] == f"Your registration is cancelled: {edition.title}"
    assert "your place passes to the next in line" in cancelled.get_body(("plain",)).get_content()
    (part,) = [p for p in cancelled.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert part.get_param("method") == "CANCEL"
    calendar = Calendar.from_ical(part.get_content())
    assert str(calendar["METHOD"]) == "CANCEL"
    (removed,) = calendar.walk("VEVENT")
    assert str(removed["UID"]) == str(entry["UID"])
    assert str(removed["STATUS"]) == "CANCELLED"
    assert removed["SEQUENCE"] > entry["SEQUENCE"]
    assert "secret-room" not in cancelled.as_string()
    assert mails(smtp_server, "bob@example.org", "A place is free")

    # Cancelling twice does nothing more.
    client.post(cancel_url)
    run_worker()
    assert len(mails(smtp_server, "ana@example.org", "Your registration is")) == 1


def test_a_waiting_registrant_who_cancels_is_told_without_a_calendar(client, smtp_server):
    edition = on_site_edition(registration_places=1)
    _, bob = approved_and_waiting(client, smtp_server, edition)
    client.post(bob.manage_url() + "cancel/")
    run_worker()
    (cancelled,) = mails(smtp_server, "bob@example.org", "Your registration is")
    assert not [p for p in cancelled.iter_attachments() if p.get_content_type() == "text/calendar"]


def test_a_declined_registrant_cannot_cancel_to_ask_again(client, smtp_server):
    edition = on_site_edition(registration_places=1)
    ana, _ = approved_and_waiting(client, smtp_server, edition)
    flow.decline(ana.pk, by=STAFF)
    assert client.get(ana.manage_url() + "cancel/").url == ana.manage_url()
    client.post(ana.manage_url() + "cancel/")
    ana.refresh_from_db()
    assert ana.status == "declined"


def test_a_lapsed_offer_tells_the_person_it_passed_on(client, smtp_server, time_machine):
    edition = on_site_edition(registration_places=1, registration_offer_hours=48)
    ana, bob = approved_and_waiting(client, smtp_server, edition)
    client.post(ana.manage_url() + "cancel/")
    time_machine.move_to(NOW + datetime.timedelta(hours=48, seconds=1), tick=False)
    run_worker()  # sends the offer, then lapses it on time
    bob.refresh_from_db()
    assert bob.status == "cancelled"
    (lapsed,) = mails(smtp_server, "bob@example.org", "The place offered")
    assert lapsed["Subject"] == f"The place offered to you has passed on: {edition.title}"
    text = lapsed.get_body(("plain",)).get_content()
    assert "was not taken within the 48 hours it was held for you" in text
    assert lapsed.get_body(("html",)) is not None


def test_a_cancelled_registrant_asks_again_and_is_told_of_the_new_request_with_a_newer_calendar_entry(
    client, smtp_server, time_machine
):
    edition = on_site_edition(registration_places=2)
    register(client, edition)
    run_worker()
    confirm(client, smtp_server, "ana@example.org")
    ana = Registration.objects.get()
    client.post(ana.manage_url() + "cancel/")
    run_worker()

    time_machine.move_to(NOW + datetime.timedelta(hours=1), tick=False)
    assert register(client, edition).status_code == 200
    run_worker()
    confirms = [m for m in smtp_server.to("ana@example.org") if "confirm" in m["Subject"].lower()]
    assert len(confirms) == 2
    smtp_server.messages.remove(confirms[0])
    confirm(client, smtp_server, "ana@example.org")
    run_worker()
    ana.refresh_from_db()
    assert ana.status == "approved" and Registration.objects.count() == 1
    sent = [m for m in smtp_server.to("ana@example.org") if not m["Subject"].startswith("Please confirm")]
    assert [m["Subject"].split(":")[0] for m in sent] == [
        "You are registered",
        "Your registration is cancelled",
        "You are registered",  # the new request's own e-mail, not "already sent"
    ]
    first, removed, again = (calendar_of(m).walk("VEVENT")[0] for m in sent)
    assert first["SEQUENCE"] < removed["SEQUENCE"] < again["SEQUENCE"]
    assert str(again["STATUS"]) == "CONFIRMED"
    # The page's download is the same newer entry.
    download = client.get(ana.manage_url() + "calendar.ics")
    assert Calendar.from_ical(download.content).walk("VEVENT")[0]["SEQUENCE"] == again["SEQUENCE"]
