"""Applying to host (hosting/): the form with a PDF letter, the confirmed address, the acknowledgement
with its reference through the real SMTP server, refusal after the last cut-off, and private letters."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from common.timezones import zone
from events.models import Theme
from hosting.models import Application, ApplicationMessage, CutOff
from tests.adminforms import form_data
from tests.events.imagery.test_uploads import PDF
from tests.factories import CallForHostsFactory
from tests.registrations_helpers import run_worker

# The worker closes its connection when done, as db_worker does: each test commits for real.
pytestmark = pytest.mark.django_db(transaction=True)
BRUSSELS = zone("Europe/Brussels")


@pytest.fixture
def letters_root(settings, tmp_path, media_root):
    settings.HOSTING_LETTERS_ROOT = tmp_path / "private-letters"
    return settings.HOSTING_LETTERS_ROOT


@pytest.fixture
def open_call(at):
    at(2026, 6, 1, 12, 0)
    call = CallForHostsFactory(
        title="Call for 2027", deadline=datetime.datetime(2026, 11, 30, 18, 0, tzinfo=BRUSSELS)
    )
    CutOff.objects.create(
        call=call, label="First deadline", at=datetime.datetime(2026, 7, 29, 18, 0, tzinfo=BRUSSELS)
    )
    return call


def answers(**changes):
    theme = Theme.objects.get_or_create(name="Green transition", slug="green-transition")[0]
    data = {
        "organisation": "Agencja Rozwoju Regionalnego",
        "kind": "innovation_agency",
        "region": "Lesser Poland",
        "country": "PL",
        "contact_name": "Anna Nowak",
        "email": "Anna.Nowak@example.org",
        "proposed_start": "2027-10-12",
        "proposed_end": "2027-10-13",
        "city": "Kraków",
        "themes": [theme.pk],
        "motivation": "Our clusters want to meet the region's policy makers.",
        "partners": "The Marshal's Office of Lesser Poland.",
        "support_letter": SimpleUploadedFile("letter.pdf", PDF, content_type="application/pdf"),
        "consent": "on",
        "website": "",
    }
    data.update(changes)
    return data


def confirm_path(message):
    body = message.get_body(("plain",)).get_content()
    return re.search(r"http://127\.0\.0\.1:8000(/host/confirm/\S+)", body).group(1)


def test_an_application_with_a_pdf_is_confirmed_by_link_and_acknowledged_with_its_reference(
    client, open_call, letters_root, media_root, smtp_server
):
    form = client.get(f"/host/calls/{open_call.pk}/apply/")
    assert form.status_code == 200 and 'enctype="multipart/form-data"' in form.content.decode()
    sent = client.post(f"/host/calls/{open_call.pk}/apply/", answers())
    assert sent.status_code == 200 and "Check your inbox" in sent.content.decode()
    application = Application.objects.get()
    assert application.email == "anna.nowak@example.org" and application.confirmed_at is None
    assert application.cut_off.label == "First deadline"
    assert [t.slug for t in application.themes.all()] == ["green-transition"]
    # The letter is stored outside MEDIA_ROOT, under the private folder.
    letter = letters_root / application.support_letter.name
    assert letter.read_bytes() == PDF and not list(media_root.rglob("*.pdf"))

    run_worker()
    (confirm_email,) = smtp_server.to("anna.nowak@example.org")
    assert "Please confirm your application to host" in confirm_email["Subject"]
    path = confirm_path(confirm_email)
    # Opening the link changes nothing (mail scanners follow links); pressing Confirm does.
    assert "<button" in client.get(path).content.decode()
    application.refresh_from_db()
    assert application.confirmed_at is None
    done = client.post(path).content.decode()
    assert application.reference in done

    run_worker()
    client.post(path)  # pressed twice: still one acknowledgement
    run_worker()
    confirm_again, acknowledgement = smtp_server.to("anna.nowak@example.org")
    assert acknowledgement["Subject"] == f"Application {application.reference} received (Call for 2027)"
    body = acknowledgement.get_body(("plain",)).get_content()
    assert application.reference in body and "29 July 2026, 18:00 CEST" in body
    assert acknowledgement.get_body(("html",)) is not None
    assert ApplicationMessage.objects.filter(sent_at__isnull=False).count() == 2


def test_an_application_after_the_last_cut_off_is_refused_with_the_reason(
    client, open_call, at, letters_root
):
    at(2026, 11, 30, 18, 0)
    page = client.get(f"/host/calls/{open_call.pk}/apply/").content.decode()
    reason = "This call closed on 30 November 2026, 18:00 CET, its last cut-off date"
    assert reason in page and "<form" not in page.split("</header>")[1]
    refused = client.post(f"/host/calls/{open_call.pk}/apply/", answers())
    assert refused.status_code == 403 and reason in refused.content.decode()
    assert not Application.objects.exists() and not list(letters_root.rglob("*"))


def test_a_call_whose_last_cut_off_came_before_its_deadline_closes_at_that_cut_off(client, at, letters_root):
    at(2026, 6, 1, 12, 0)
    call = CallForHostsFactory(deadline=datetime.datetime(2026, 11, 30, 18, 0, tzinfo=BRUSSELS))
    CutOff.objects.create(
        call=call, label="Only round", at=datetime.datetime(2026, 11, 30, 18, 0, tzinfo=BRUSSELS)
    )
    at(2026, 11, 30, 17, 59)
    assert client.post(f"/host/calls/{call.pk}/apply/", answers()).status_code == 200
    at(2026, 11, 30, 18, 0)
    assert client.post(f"/host/calls/{call.pk}/apply/", answers(email="b@example.org")).status_code == 403
    assert Application.objects.count() == 1


def test_a_letter_that_is_not_a_pdf_is_refused_and_nothing_is_stored(client, open_call, letters_root):
    fake = SimpleUploadedFile("letter.pdf", b"<html><script>alert(1)</script></html>")
    refused = client.post(f"/host/calls/{open_call.pk}/apply/", answers(support_letter=fake))
    assert refused.status_code == 400 and "not a complete PDF" in refused.content.decode()
    assert not Application.objects.exists()


def test_a_bot_that_fills_the_honeypot_is_answered_like_a_person_and_nothing_is_stored(
    client, open_call, letters_root
):
    answer = client.post(f"/host/calls/{open_call.pk}/apply/", answers(website="http://spam.example"))
    assert "Check your inbox" in answer.content.decode()
    assert not Application.objects.exists() and not ApplicationMessage.objects.exists()


def test_the_open_call_on_the_hosting_page_links_to_its_form(client, open_call):
    assert f'href="/host/calls/{open_call.pk}/apply/"' in client.get("/host/").content.decode()


def test_the_support_letter_is_refused_to_visitors_and_served_to_staff(
    client, admin_client, django_user_model, open_call, letters_root
):
    client.post(f"/host/calls/{open_call.pk}/apply/", answers())
    application = Application.objects.get()
    url = f"/host/letters/{application.pk}/"
    anonymous = client.get(url)
    assert anonymous.status_code in (302, 403, 404) and PDF not in anonymous.content
    staff_without_permission = django_user_model.objects.create_user("helper", password="x", is_staff=True)
    client.force_login(staff_without_permission)
    assert client.get(url).status_code == 404
    served = admin_client.get(url)
    assert served.status_code == 200 and b"".join(served.streaming_content) == PDF
    assert served["Content-Type"] == "application/pdf" and "no-store" in served["Cache-Control"]
    # Never reachable under /media/.
    assert client.get(f"/media/{application.support_letter.name}").status_code == 404


def test_organisers_find_applications_by_call_cut_off_country_and_status_with_the_letter_linked(
    client, admin_client, open_call, letters_root
):
    client.post(f"/host/calls/{open_call.pk}/apply/", answers())
    application = Application.objects.get()
    listing = admin_client.get(
        f"/admin/hosting/application/?call__id__exact={open_call.pk}&cut_off__id__exact={application.cut_off_id}"
        "&country=PL&status__exact=submitted"
    ).content.decode()
    assert application.reference in listing
    assert (
        admin_client.get("/admin/hosting/application/?country=FR")
        .content.decode()
        .count(application.reference)
        == 0
    )
    change = admin_client.get(f"/admin/hosting/application/{application.pk}/change/").content.decode()
    assert f'href="/host/letters/{application.pk}/"' in change and "/media/" not in change


def test_unconfirmed_applications_are_deleted_and_contacts_erased_after_the_retention_period(
    client, open_call, at, letters_root, settings
):
    from django.core.management import call_command

    client.post(f"/host/calls/{open_call.pk}/apply/", answers())
    client.post(f"/host/calls/{open_call.pk}/apply/", answers(email="kept@example.org"))
    unconfirmed, confirmed = Application.objects.order_by("created_at", "pk")
    Application.objects.filter(pk=confirmed.pk).update(confirmed_at=confirmed.created_at)
    letter = letters_root / confirmed.support_letter.name
    at(2026, 6, 8, 12, 1)  # a week on: the confirmation link has expired
    call_command("hosting_retention", stdout=None)
    assert list(Application.objects.all()) == [confirmed] and letter.exists()
    settings.HOSTING_RETENTION_DAYS = 10
    at(2026, 12, 10, 18, 0)  # ten days after the call's deadline, its last cut-off
    call_command("hosting_retention")
    confirmed.refresh_from_db()
    assert confirmed.contact_name == "" and confirmed.email.endswith("@invalid")
    assert not confirmed.support_letter and not letter.exists()
    assert confirmed.organisation == "Agencja Rozwoju Regionalnego" and confirmed.city == "Kraków"


def test_the_privacy_notice_covers_hosting_applications_and_their_retention(client, settings):
    html = client.get("/privacy/").content.decode()
    assert "Regions applying to host an edition" in html
    assert "The support letter is never published" in html
    assert f"{settings.HOSTING_RETENTION_DAYS}\ndays after the call" in html


def test_two_organisers_review_and_acceptance_creates_a_linked_draft_edition_and_sends_its_email(
    client, admin_client, django_user_model, open_call, letters_root, smtp_server
):
    from events.models import Edition

    client.post(f"/host/calls/{open_call.pk}/apply/", answers())
    application = Application.objects.get()
    first = django_user_model.objects.get(username="admin")
    second = django_user_model.objects.create_superuser("olga", "olga@example.eu", "x")
    change_url = f"/admin/hosting/application/{application.pk}/change/"
    data = form_data(admin_client.get(change_url))
    data.update(
        {
            "reviews-0-reviewer": str(first.pk),
            "reviews-0-score": "4",
            "reviews-0-notes": "Strong regional partners.",
            "reviews-1-reviewer": str(second.pk),
            "reviews-1-score": "5",
            "reviews-1-notes": "A city that has not hosted yet.",
            "reviews-TOTAL_FORMS": "2",
            "status": "accepted",
        }
    )
    assert admin_client.post(change_url, data).status_code == 302
    application.refresh_from_db()
    assert application.status == "accepted"
    assert sorted(application.reviews.values_list("score", flat=True)) == [4, 5]
    listing = admin_client.get("/admin/hosting/application/").content.decode()
    assert "4.5" in listing

    edition = application.edition
    assert edition.status == Edition.Status.DRAFT and edition.host_application == application
    assert (edition.city, edition.region, edition.country.code) == ("Kraków", "Lesser Poland", "PL")
    assert (edition.start_date, edition.end_date) == (
        datetime.date(2027, 10, 12),
        datetime.date(2027, 10, 13),
    )
    assert edition.timezone == "Europe/Warsaw" and edition.series == open_call.series
    assert [t.slug for t in edition.themes.all()] == ["green-transition"]
    assert [h.name for h in edition.hosts.all()] == ["Agencja Rozwoju Regionalnego"]
    assert client.get(edition.get_absolute_url()).status_code == 404  # a draft, not public

    # Accepting again (the action on the list) neither duplicates the edition nor the e-mail.
    admin_client.post(
        "/admin/hosting/application/", {"action": "mark_accepted", "_selected_action": [application.pk]}
    )
    assert Edition.objects.filter(city="Kraków").count() == 1
    run_worker()
    (accepted,) = [m for m in smtp_server.to("anna.nowak@example.org") if "accepted" in m["Subject"]]
    assert accepted["Subject"] == f"Application {application.reference} accepted (Call for 2027)"


def test_a_decline_from_the_list_sends_its_email_once(
    client, admin_client, open_call, letters_root, smtp_server
):
    client.post(f"/host/calls/{open_call.pk}/apply/", answers())
    application = Application.objects.get()
    for _ in range(2):
        admin_client.post(
            "/admin/hosting/application/", {"action": "mark_declined", "_selected_action": [application.pk]}
        )
    run_worker()
    declined = [m for m in smtp_server.to("anna.nowak@example.org") if "declined" in m["Subject"]]
    assert len(declined) == 1 and application.reference in declined[0]["Subject"]
    application.refresh_from_db()
    assert application.status == "declined" and application.edition is None


def test_the_database_refuses_a_score_outside_1_to_5_and_a_second_review_by_the_same_organiser(
    client, open_call, letters_root, django_user_model
):
    from django.db import IntegrityError, transaction

    from hosting.models import Review

    client.post(f"/host/calls/{open_call.pk}/apply/", answers())
    application = Application.objects.get()
    olga = django_user_model.objects.create_user("olga", password="x", is_staff=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.create(application=application, reviewer=olga, score=6)
    Review.objects.create(application=application, reviewer=olga, score=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.create(application=application, reviewer=olga, score=4)
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.filter(pk=application.pk).update(status="maybe")
