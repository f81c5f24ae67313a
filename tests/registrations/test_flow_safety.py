"""Registration, applications and alerts when people (or their browsers) do the unexpected: sign up
twice, at once, with the address spelt another way, confirm too late; and what organisers download.
Through the real SMTP server (aiosmtpd) and the task queue's worker."""

import csv
import datetime
import io
import re
import threading
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from icalendar import Calendar

from alerts import flow as alert_flow
from alerts.models import Subscription
from common.addresses import normalise_email
from common.timezones import zone
from events.models import Edition
from hosting.forms import ApplicationForm
from hosting.models import Application
from registrations import emails, flow
from registrations.models import Message, Registration
from tests.events.imagery.test_uploads import PDF
from tests.factories import CallForHostsFactory
from tests.registrations_helpers import STAFF, link, on_site_edition, run_worker

# Transactional: the worker closes the connection when its batch is done, and the threads of the
# concurrency tests each need their own connection, which sees only what was committed.
pytestmark = pytest.mark.django_db(transaction=True)

BRUSSELS = zone("Europe/Brussels")
NOW = datetime.datetime(2030, 4, 1, 12, 0, tzinfo=BRUSSELS)


@pytest.fixture
def now(time_machine):
    time_machine.move_to(NOW, tick=False)
    return NOW


def answers(email="ana@example.org", **fields):
    return {
        "name": "Ana Example",
        "email": email,
        "organisation": "A cluster",
        "country": "BE",
        "kind": "cluster",
        "consent": "on",
        "website": "",
        **fields,
    }


def register(client, edition, **fields):
    return client.post(f"/editions/{edition.slug}/register/", answers(**fields))


def body(message):
    return message.get_body(("plain",)).get_content()


def confirm_link(smtp_server, email):
    return link([m for m in smtp_server.to(email) if "confirm" in m["Subject"].lower()][-1], "confirm/")


def page_text(response):
    """The page's words without the address it echoes, to compare two answers."""
    return response.content.decode().replace("ana@example.org", "")


def at_once(count, request):
    """`request()` in `count` threads released together, each with its own database connection."""
    start = threading.Barrier(count)
    answers_ = [None] * count

    def run(index):
        start.wait()
        try:
            answers_[index] = request()
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers_


# Item 5: the same answer for a known address, which is sent its own link; a way back.


def test_a_known_address_gets_the_same_answer_as_a_new_one_and_its_own_link_by_email(
    client, smtp_server, time_machine, settings, now
):
    settings.LIMIT_PER_EMAIL = 10  # the per-address limit is another test's
    edition = on_site_edition()
    first = register(client, edition)
    run_worker()
    client.post(confirm_link(smtp_server, "ana@example.org"))
    run_worker()
    smtp_server.messages.clear()

    again = register(client, edition, email="ANA@Example.org", name="Someone Else")
    assert again.status_code == first.status_code == 200
    assert page_text(again) == page_text(first)
    assert "already" not in again.content.decode()
    run_worker()
    (reminder,) = smtp_server.to("ana@example.org")
    assert reminder["Subject"] == f"Your registration: {edition.title}"
    registration = Registration.objects.get()
    assert registration.manage_url() in body(reminder)
    assert (registration.name, registration.status) == ("Ana Example", "approved")  # nothing changed

    # A second try at once sends nothing more; one later (the first mail lost) does.
    register(client, edition)
    run_worker()
    assert len(smtp_server.messages) == 1
    time_machine.move_to(NOW + flow.RESEND_AFTER + datetime.timedelta(seconds=1), tick=False)
    register(client, edition)
    run_worker()
    assert len(smtp_server.messages) == 2


def test_a_lost_confirmation_an_expired_one_or_a_cancelled_registration_can_register_again(
    client, smtp_server, time_machine, now
):
    edition = on_site_edition()
    register(client, edition)
    run_worker()
    old_link = confirm_link(smtp_server, "ana@example.org")

    # The link lapses unused: the address is not stuck.
    time_machine.move_to(NOW + datetime.timedelta(days=8), tick=False)
    assert client.get(old_link).status_code == 404
    assert register(client, edition, organisation="The new cluster").status_code == 200
    run_worker()
    new_link = confirm_link(smtp_server, "ana@example.org")
    assert new_link != old_link
    assert client.post(new_link).status_code == 302
    registration = Registration.objects.get()
    assert (registration.status, registration.organisation) == ("approved", "The new cluster")

    # Cancelled, then asked for again: a fresh, unconfirmed request, confirmed by its own e-mail.
    client.post(registration.manage_url() + "cancel/")
    time_machine.move_to(NOW + datetime.timedelta(days=9), tick=False)
    register(client, edition)
    registration.refresh_from_db()
    assert registration.status == "unconfirmed" and registration.confirmed_at is None
    run_worker()
    assert client.post(confirm_link(smtp_server, "ana@example.org")).status_code == 302
    registration.refresh_from_db()
    assert registration.status == "approved"
    assert Registration.objects.count() == 1
    assert Message.objects.filter(kind="confirm").count() == 3


def test_a_declined_request_asked_for_again_stays_declined_and_gets_the_link_to_its_page(
    client, smtp_server, now
):
    edition = on_site_edition()
    register(client, edition)
    run_worker()
    client.post(confirm_link(smtp_server, "ana@example.org"))
    registration = Registration.objects.get()
    flow.decline(registration.pk, by=STAFF)
    run_worker()
    smtp_server.messages.clear()

    assert register(client, edition, organisation="Another try").status_code == 200
    run_worker()
    (reminder,) = smtp_server.to("ana@example.org")
    assert registration.manage_url() in body(reminder)
    registration.refresh_from_db()
    assert (registration.status, registration.organisation) == ("declined", "A cluster")


def test_alerts_answer_a_known_address_alike_and_send_it_the_link_to_its_settings(client, smtp_server):
    def sign_up(email="ana@example.org", **choices):
        return client.post("/alerts/subscribe/", {"email": email, "website": "", **choices})

    first = sign_up(every_edition="on")
    run_worker()
    (confirmation,) = smtp_server.messages
    path = re.search(r"http://127\.0\.0\.1:8000(/alerts/confirm/\S+)", body(confirmation)).group(1)
    client.post(path)
    smtp_server.messages.clear()

    again = sign_up(email="Ana@EXAMPLE.org", calls_for_hosts="on")
    # The page repeats the choice sent ("You chose"), so it is compared with a new address's
    # answer to the same choice.
    stranger = sign_up(email="new@example.org", calls_for_hosts="on")
    alike = page_text(stranger).replace("new@example.org", "")
    assert first.status_code == again.status_code == 200 and page_text(again) == alike
    run_worker()
    (reminder,) = smtp_server.to("ana@example.org")
    subscription = Subscription.objects.get(email="ana@example.org")
    assert subscription.manage_url() in body(reminder)
    assert subscription.every_edition and not subscription.calls_for_hosts  # a stranger changes nothing


# Item 6: double submission.


def test_identical_registrations_at_once_each_get_check_your_inbox_one_row_and_one_email(
    smtp_server, settings, monkeypatch, now
):
    """Queueing the e-mail is slowed down, so that without the edition's lock every request
    would look for the address before the first one committed, and the rest would fail."""
    settings.LIMIT_PER_ADDRESS = settings.LIMIT_PER_EMAIL = 100
    edition = on_site_edition()
    queue = emails.queue

    def slow_queue(*args, **kwargs):
        time.sleep(0.3)
        return queue(*args, **kwargs)

    monkeypatch.setattr(emails, "queue", slow_queue)
    responses = at_once(8, lambda: register(Client(raise_request_exception=False), edition))
    assert [r.status_code for r in responses] == [200] * 8
    assert all("Check your inbox" in r.content.decode() for r in responses)
    assert Registration.objects.count() == 1
    run_worker()
    assert len(smtp_server.to("ana@example.org")) == 1


def test_identical_alert_sign_ups_at_once_each_get_check_your_inbox_one_row_and_one_email(
    smtp_server, settings, monkeypatch
):
    settings.LIMIT_PER_ADDRESS = settings.LIMIT_PER_EMAIL = 100
    send = alert_flow.send_confirmation

    def slow_send(subscription):
        time.sleep(0.3)
        return send(subscription)

    monkeypatch.setattr(alert_flow, "send_confirmation", slow_send)
    data = {"email": "ana@example.org", "every_edition": "on", "website": ""}
    responses = at_once(24, lambda: Client(raise_request_exception=False).post("/alerts/subscribe/", data))
    assert [r.status_code for r in responses] == [200] * 24
    assert all("Check your inbox" in r.content.decode() for r in responses)
    assert Subscription.objects.count() == 1
    run_worker()
    assert len(smtp_server.to("ana@example.org")) == 1


# Item 11: a cancelled edition, its calendar file, the support letters.


def test_confirming_after_the_edition_was_cancelled_gives_no_place_and_says_why(client, smtp_server, now):
    edition = on_site_edition()
    register(client, edition)
    run_worker()
    url = confirm_link(smtp_server, "ana@example.org")
    edition.status = Edition.Status.CANCELLED
    edition.save()

    page = client.get(url)
    assert "is cancelled" in page.content.decode() and "<button" not in page.content.decode()
    answer = client.post(url)
    assert answer.status_code == 409 and "is cancelled" in answer.content.decode()
    run_worker()
    assert Registration.objects.get().status == "unconfirmed"
    assert not any(m["Subject"].startswith("You are registered") for m in smtp_server.messages)


def test_confirming_after_the_edition_is_over_gives_no_place(client, smtp_server, time_machine, now):
    edition = on_site_edition(start_date=datetime.date(2030, 4, 3))
    register(client, edition)
    run_worker()
    time_machine.move_to(datetime.datetime(2030, 4, 4, tzinfo=BRUSSELS), tick=False)
    answer = client.post(confirm_link(smtp_server, "ana@example.org"))
    assert answer.status_code == 409 and "is over" in answer.content.decode()
    assert Registration.objects.get().status == "unconfirmed"


def test_the_cancellation_emails_calendar_file_never_carries_the_join_link(client, smtp_server, now):
    edition = on_site_edition(registration_places=1, format=Edition.Format.HYBRID, venue_name="Town hall")
    for email in ("ana@example.org", "bo@example.org"):  # one approved, one on the waiting list
        register(client, edition, email=email)
        run_worker()
        client.post(confirm_link(smtp_server, email))
    edition.refresh_from_db()
    edition.status = Edition.Status.CANCELLED
    edition.save()
    run_worker()
    cancelled = [m for m in smtp_server.messages if m["Subject"].startswith("Cancelled")]
    assert len(cancelled) == 2
    for message in cancelled:
        (part,) = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
        event = Calendar.from_ical(part.get_content()).walk("VEVENT")[0]
        assert str(event["STATUS"]) == "CANCELLED"
        assert "secret-room" not in message.as_string()


@pytest.fixture
def application(settings, tmp_path, at):
    settings.HOSTING_LETTERS_ROOT = tmp_path / "letters"
    at(2026, 6, 1, 12, 0)
    letter = SimpleUploadedFile("letter.pdf", PDF, content_type="application/pdf")
    return Application.objects.create(
        call=CallForHostsFactory(),
        organisation="Agencja",
        kind="cluster",
        region="Lesser Poland",
        country="PL",
        contact_name="Anna Nowak",
        email="anna@example.org",
        proposed_start=datetime.date(2027, 10, 12),
        proposed_end=datetime.date(2027, 10, 13),
        city="Kraków",
        motivation="Meet.",
        partners="Many.",
        support_letter=letter,
    )


def test_a_lost_support_letter_says_file_missing_to_staff_not_a_server_error(admin_client, application):
    application.support_letter.storage.delete(application.support_letter.name)
    answer = admin_client.get(f"/host/letters/{application.pk}/")
    assert answer.status_code == 404
    assert "File missing" in answer.content.decode() and application.reference in answer.content.decode()
    assert "no-store" in answer["Cache-Control"]


def test_an_organiser_who_may_change_applications_but_not_view_them_can_follow_the_letter_link(
    client, django_user_model, application
):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("editor", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="change_application"))
    client.force_login(user)
    change = client.get(f"/admin/hosting/application/{application.pk}/change/").content.decode()
    url = f"/host/letters/{application.pk}/"
    assert f'href="{url}"' in change
    served = client.get(url)
    assert served.status_code == 200 and b"".join(served.streaming_content) == PDF


# Item 12: no-store, the CSV, one form per address, sane dates.


def test_every_signed_personal_page_is_private_and_never_stored(client, smtp_server, application, now):
    edition = on_site_edition()
    register(client, edition)
    client.post("/alerts/subscribe/", {"email": "ana@example.org", "every_edition": "on", "website": ""})
    registration, subscription = Registration.objects.get(), Subscription.objects.get()
    flow.confirm(registration.pk)
    pages = [
        registration.get_confirm_url(),
        registration.manage_url(),
        f"/registrations/{registration.manage_token()}/calendar.ics",
        application.get_confirm_url(),
        subscription.get_confirm_url(),
        subscription.manage_url(),
        subscription.get_unsubscribe_url(),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= control, url


def test_the_csv_starts_with_a_byte_order_mark_and_leaves_empty_cells_empty(admin_client):
    edition = on_site_edition()
    r = flow.create(edition, name="Zoë Ångström", email="z@example.org", organisation="", country="BE",
                    kind="agency")  # fmt: skip
    other = flow.create(edition, name="-1", email="y@example.org", organisation="@x", country="BE",
                        kind="agency")  # fmt: skip
    response = admin_client.post(
        "/admin/registrations/registration/", {"action": "export_csv", "_selected_action": [r.pk, other.pk]}
    )
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "edition"
    by_email = {row[2]: row for row in rows[1:]}
    assert by_email["z@example.org"][1] == "Zoë Ångström"
    assert by_email["z@example.org"][3] == "" and by_email["z@example.org"][7] == ""
    assert (by_email["y@example.org"][1], by_email["y@example.org"][3]) == ("'-1", "'@x")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Ana@BÜCHER.example", "ana@xn--bcher-kva.example"),
        ("ana@xn--bcher-kva.example", "ana@xn--bcher-kva.example"),
        ("ana@ＢÜＣＨＥＲ。example", "ana@xn--bcher-kva.example"),
        (" Ana@Example.ORG. ", "ana@example.org"),
    ],
)
def test_each_spelling_of_an_address_is_stored_in_one_form(typed, stored):
    assert normalise_email(typed) == stored


def test_one_mailbox_spelt_two_ways_is_one_registrant(client, smtp_server, now):
    edition = on_site_edition()
    register(client, edition, email="ana@BÜCHER.example")
    register(client, edition, email="ana@xn--bcher-kva.example")
    assert list(Registration.objects.values_list("email", flat=True)) == ["ana@xn--bcher-kva.example"]


@pytest.mark.parametrize("address", ["ana@[127.0.0.1]", "ana@localhost"])
def test_an_ip_literal_or_a_dotless_domain_is_a_form_error_everywhere(client, smtp_server, address, now):
    edition = on_site_edition()
    registration = register(client, edition, email=address)
    assert registration.status_code == 400 and "domain name" in registration.content.decode()
    alert = client.post("/alerts/subscribe/", {"email": address, "every_edition": "on", "website": ""})
    assert alert.status_code == 400 and "domain name" in alert.content.decode()
    form = ApplicationForm({"email": address})
    assert "domain name" in " ".join(form.errors["email"])
    assert not Registration.objects.exists() and not Subscription.objects.exists()


@pytest.mark.parametrize(
    ("start", "accepted"),
    [
        ("2026-01-01", True),
        ("2036-12-31", True),
        ("2025-12-31", False),
        ("2037-01-01", False),
        ("0202-05-01", False),
    ],
)
def test_proposed_hosting_dates_lie_between_this_year_and_ten_years_ahead(at, start, accepted):
    at(2026, 6, 1, 12, 0)
    form = ApplicationForm({"proposed_start": start, "proposed_end": start})
    assert ("proposed_start" not in form.errors) is accepted
    assert ("proposed_end" not in form.errors) is accepted


# A stranger who types someone else's address into the form.


def test_a_known_and_a_new_address_get_the_same_page_and_about_the_same_work(client, time_machine, now):
    from django.test.utils import CaptureQueriesContext

    edition = on_site_edition(registration_places=5)
    # Registered without the form, so that neither address has been counted by the limits yet.
    person = {"name": "Kim", "organisation": "A cluster", "country": "BE", "kind": "cluster"}
    known = flow.create(edition, email="known@example.org", **person)
    flow.confirm(known.pk)
    register(client, edition, email="first@example.org")  # this client's first count this hour
    with CaptureQueriesContext(connection) as new_queries:
        new = register(client, edition, email="fresh@example.org")
    time_machine.move_to(NOW + datetime.timedelta(minutes=1), tick=False)
    with CaptureQueriesContext(connection) as known_queries:
        known = register(client, edition, email="known@example.org")
    without_csrf = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')
    answers_ = [without_csrf.sub(b"", r.content).replace(b"fresh", b"known") for r in (new, known)]
    assert (new.status_code, answers_[0]) == (known.status_code, answers_[1])
    assert abs(len(new_queries) - len(known_queries)) <= 2


def test_a_stranger_cannot_rewrite_someone_elses_unconfirmed_request_and_only_resends_its_link(
    client, smtp_server, time_machine, now
):
    edition = on_site_edition(registration_places=5)
    register(client, edition, email="victim@example.org", name="Vic Tim", organisation="Real Org")
    run_worker()
    first_link = confirm_link(smtp_server, "victim@example.org")

    time_machine.move_to(NOW + flow.RESEND_AFTER + datetime.timedelta(minutes=1), tick=False)
    stranger = {"name": "Mallory", "organisation": "Evil Corp", "country": "FR"}
    assert register(client, edition, email="victim@example.org", **stranger).status_code == 200
    register(client, edition, email="victim@example.org", **stranger)  # at once: nothing more
    run_worker()
    registration = Registration.objects.get()
    details = (registration.name, registration.organisation, registration.country.code)
    assert details == ("Vic Tim", "Real Org", "BE")
    assert len(smtp_server.to("victim@example.org")) == 2
    # The link sent again opens the same request, and the page shows what is being confirmed.
    page = client.get(confirm_link(smtp_server, "victim@example.org")).content.decode()
    assert all(text in page for text in ("Vic Tim", "Real Org", "Belgium"))
    assert "Mallory" not in page and "Evil Corp" not in page
    assert client.post(first_link).status_code == 302


def test_a_request_that_starts_afresh_gets_a_new_link_key_so_every_older_link_is_dead(
    client, smtp_server, time_machine, now
):
    edition = on_site_edition()
    register(client, edition)
    # Sent again on the sixth day: that link, signed then, would still work on the eighth.
    time_machine.move_to(NOW + datetime.timedelta(days=6), tick=False)
    register(client, edition)
    run_worker()
    resent = confirm_link(smtp_server, "ana@example.org")
    time_machine.move_to(NOW + datetime.timedelta(days=8), tick=False)
    register(client, edition, organisation="The new cluster")
    assert client.get(resent).status_code == 404
    run_worker()
    assert client.post(confirm_link(smtp_server, "ana@example.org")).status_code == 302

    registration = Registration.objects.get()
    old_page = registration.manage_url()
    client.post(old_page + "cancel/")
    time_machine.move_to(NOW + datetime.timedelta(days=9), tick=False)
    register(client, edition)
    assert client.get(old_page).status_code == 404
    assert client.get(Registration.objects.get().manage_url()).status_code == 200


def test_a_stranger_who_sends_an_address_past_its_limit_leaves_one_email_and_a_wait_of_an_hour_at_most(
    client, smtp_server, now
):
    """The per-e-mail limit protects the inbox; its cost is that the owner may be turned away."""
    edition = on_site_edition(registration_places=5)
    url = f"/editions/{edition.slug}/register/"
    for _ in range(4):
        client.post(url, answers("victim@example.org"), REMOTE_ADDR="203.0.113.66")
    own = client.post(url, answers("victim@example.org"), REMOTE_ADDR="198.51.100.7")
    assert own.status_code == 429 and 0 < int(own["Retry-After"]) <= 3600
    run_worker()
    assert len(smtp_server.to("victim@example.org")) == 1
    assert client.post(confirm_link(smtp_server, "victim@example.org")).status_code == 302
