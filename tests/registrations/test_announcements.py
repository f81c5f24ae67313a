"""Organisers' messages to registrants: written in the admin, previewed as the e-mail, sent once per
person through the queue to the real SMTP server, kept with who got them; each team its own."""

import datetime
import re

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse
from django.utils.timezone import now as utc_now

from registrations import announcements, flow
from registrations.management.commands.registrations_retention import anonymise
from registrations.models import Announcement, AnnouncementMessage, Registration
from tests.registrations_helpers import link, on_site_edition, run_worker, signed_for

# Transactional: the worker (db_worker) closes the connection when its batch is done.
pytestmark = pytest.mark.django_db(transaction=True)

Status = Registration.Status


def registrant(edition, email, status, **fields):
    if status == Status.OFFERED:
        fields.setdefault("offer_expires_at", utc_now() + datetime.timedelta(days=2))
    return Registration.objects.create(
        edition=edition,
        email=email,
        status=status,
        name=email.split("@")[0].title(),
        organisation="A cluster",
        country="BE",
        kind="cluster",
        **fields,
    )


def everyone(edition):
    """Two approved, and one of every other status."""
    people = [registrant(edition, "ana@example.org", Status.APPROVED)]
    people += [registrant(edition, "bo@example.org", Status.APPROVED)]
    for status in [s for s in Status.values if s != Status.APPROVED]:
        people.append(registrant(edition, f"{status}@example.org", status))
    return people


def write(client, edition, audience="approved", personal_link=True, **fields):
    """The compose form, saved with "Save and preview"; the new message."""
    data = {
        "edition": edition.pk,
        "audience": audience,
        "subject": "Bring your badge",
        "body": "See you **at the venue** at 8:30.",
        "_preview": "Save and preview",
        **fields,
    }
    if personal_link:
        data["personal_link"] = "on"
    response = client.post(reverse("admin:registrations_announcement_add"), data)
    announcement = Announcement.objects.latest("pk")
    assert response.status_code == 302
    assert response.url == preview_url(announcement)
    return announcement


def preview_url(announcement):
    return reverse("admin:registrations_announcement_preview", args=[announcement.pk])


def test_a_message_reaches_exactly_its_audience_once_even_sent_twice_and_the_worker_run_twice(
    admin_client, smtp_server
):
    edition = on_site_edition(registration_places=10, contact_email="team@vilnius.example.org")
    everyone(edition)
    registrant(edition, "anonymised-1@invalid", Status.APPROVED, anonymised_at=utc_now())
    registrant(on_site_edition(), "elsewhere@example.org", Status.APPROVED)

    announcement = write(admin_client, edition, audience="approved")
    page = admin_client.get(preview_url(announcement)).content.decode()
    assert "Send to 2 people" in page
    assert "Replies go to <strong>team@vilnius.example.org</strong>" in page
    assert not AnnouncementMessage.objects.exists()  # the preview sends nothing

    admin_client.post(preview_url(announcement))
    admin_client.post(preview_url(announcement))  # a double click
    run_worker()
    run_worker()

    assert sorted(m["To"] for m in smtp_server.messages) == ["ana@example.org", "bo@example.org"]
    assert {m["Reply-To"] for m in smtp_server.messages} == {"team@vilnius.example.org"}
    assert {m["Subject"] for m in smtp_server.messages} == {"Bring your badge"}
    announcement.refresh_from_db()
    assert announcement.is_sent and announcement.deliveries()["delivered"] == 2

    everybody = write(admin_client, edition, audience="active", subject="Programme updated")
    admin_client.post(preview_url(everybody))
    run_worker()
    reached = sorted(m["To"] for m in smtp_server.messages if m["Subject"] == "Programme updated")
    expected = ["ana@example.org", "bo@example.org", "offered@example.org", "pending@example.org"]
    assert reached == sorted([*expected, "waiting@example.org"])


def test_sending_again_reaches_only_those_who_joined_the_audience_since(admin_client, smtp_server):
    edition = on_site_edition(registration_places=10)
    waiting = registrant(edition, "wait@example.org", Status.WAITING)
    registrant(edition, "ana@example.org", Status.APPROVED)
    announcement = write(admin_client, edition)
    admin_client.post(preview_url(announcement))
    run_worker()

    Registration.objects.filter(pk=waiting.pk).update(status=Status.APPROVED)
    assert "Send it to the 1 person who joined the audience since" in admin_client.get(
        reverse("admin:registrations_announcement_change", args=[announcement.pk])
    ).content.decode("utf-8").replace("\xa0", " ")
    admin_client.post(preview_url(announcement))
    admin_client.post(preview_url(announcement))
    run_worker()

    assert sorted(m["To"] for m in smtp_server.messages) == ["ana@example.org", "wait@example.org"]
    page = admin_client.get(preview_url(announcement)).content.decode()
    assert "sending again e-mails nobody" in page and "Send to" not in page


def test_each_persons_copy_carries_their_own_page_link_or_none_when_left_out(admin_client, smtp_server):
    edition = on_site_edition(registration_places=10)
    ana = registrant(edition, "ana@example.org", Status.APPROVED)
    bo = registrant(edition, "bo@example.org", Status.APPROVED)
    admin_client.post(preview_url(write(admin_client, edition)))
    run_worker()

    for person in (ana, bo):
        (message,) = smtp_server.to(person.email)
        assert signed_for(link(message, "")) == person
        html = message.get_body(("html",)).get_content()
        pages = re.findall(r'href="(http://127\.0\.0\.1:8000/registrations/[^"/]+/)"', html)
        assert pages and {signed_for(page) for page in pages} == {person}

    admin_client.post(preview_url(write(admin_client, edition, personal_link=False, subject="No link")))
    run_worker()
    for message in [m for m in smtp_server.messages if m["Subject"] == "No link"]:
        assert "/registrations/" not in message.get_body(("plain",)).get_content()
        assert "/registrations/" not in message.get_body(("html",)).get_content()


def test_markdown_with_scripts_and_javascript_links_is_sanitised_in_the_email_and_its_preview(admin_client):
    edition = on_site_edition()
    body = (
        "Hello <script>alert(1)</script>\n\n"
        "[Programme](https://example.org/programme) and [a trap](javascript:alert(2))\n\n"
        '<img src="x" onerror="alert(3)"> <a href="javascript:alert(4)">click</a>'
    )
    announcement = write(admin_client, edition, body=body)

    html = announcements.build(announcements.sample_message(announcement)).alternatives[0][0]
    assert "<script" not in html and "javascript:" not in html and "onerror" not in html
    assert "<img" not in html
    assert 'href="https://example.org/programme"' in html
    assert "color: #0b4f8a" in html  # the layout's look, inlined for mail clients

    frame = admin_client.get(
        reverse("admin:registrations_announcement_preview_email", args=[announcement.pk])
    )
    shown = frame.content.decode()
    assert (
        "<script" not in shown
        and "javascript:" not in shown
        and 'href="https://example.org/programme"' in shown
    )
    policy = frame["Content-Security-Policy"]
    assert "script-src 'none'" in policy and "frame-ancestors 'self'" in policy
    assert frame["X-Frame-Options"] == "SAMEORIGIN"
    page = admin_client.get(preview_url(announcement))
    assert "<script>alert" not in page.content.decode()  # the text part, shown as typed
    assert "&lt;script&gt;alert(1)" in page.content.decode()
    assert "'unsafe-inline'" not in page["Content-Security-Policy"]
    assert page["X-Frame-Options"] == "DENY"


def test_a_sent_message_is_read_only_and_lists_each_recipient_with_their_delivery(admin_client, smtp_server):
    edition = on_site_edition(registration_places=10)
    registrant(edition, "ana@example.org", Status.APPROVED)
    announcement = write(admin_client, edition)
    admin_client.post(preview_url(announcement))
    change_url = reverse("admin:registrations_announcement_change", args=[announcement.pk])
    queued = admin_client.get(change_url).content.decode()
    assert "ana@example.org" in queued and "Queued" in queued
    run_worker()

    page = admin_client.get(change_url).content.decode()
    assert "ana@example.org" in page and "Sent " in page and "1 delivered, 0 queued, 0 failed" in page
    assert 'name="_preview"' not in page
    data = {"edition": edition.pk, "audience": "active", "subject": "Changed", "body": "x"}
    assert admin_client.post(change_url, data).status_code == 403
    delete_url = reverse("admin:registrations_announcement_delete", args=[announcement.pk])
    assert admin_client.post(delete_url, {"post": "yes"}).status_code == 403
    assert Announcement.objects.get().subject == "Bring your badge"


def test_the_edition_page_and_its_registrations_list_link_to_writing_to_them(admin_client):
    edition = on_site_edition()
    write_url = reverse("admin:registrations_announcement_add") + f"?edition={edition.pk}"
    for url in (
        reverse("admin:events_edition_change", args=[edition.pk]),
        reverse("admin:registrations_registration_changelist") + f"?edition__id__exact={edition.pk}",
    ):
        assert f'href="{write_url}"' in admin_client.get(url).content.decode()
    form = admin_client.get(write_url).content.decode()
    assert f'<option value="{edition.pk}" selected>' in form


def test_a_host_team_cannot_see_preview_or_send_another_editions_message(client, admin_client):
    ours, theirs = on_site_edition(title="Vilnius 2030"), on_site_edition(title="Zagreb 2030")
    registrant(theirs, "ana@example.org", Status.APPROVED)
    message = write(admin_client, theirs, subject="Their news")
    vera = User.objects.create_user("vera", "vera@example.org", "pw", is_staff=True)
    vera.user_permissions.set(Permission.objects.filter(content_type__app_label="registrations"))
    ours.team.add(vera)
    client.force_login(vera)

    assert (
        client.get(reverse("admin:registrations_announcement_change", args=[message.pk])).status_code == 302
    )
    assert client.get(preview_url(message)).status_code == 404
    assert client.post(preview_url(message)).status_code == 404
    email = reverse("admin:registrations_announcement_preview_email", args=[message.pk])
    assert client.get(email).status_code == 404
    assert (
        "Their news"
        not in client.get(reverse("admin:registrations_announcement_changelist")).content.decode()
    )
    form = client.get(reverse("admin:registrations_announcement_add")).content.decode()
    assert "Vilnius 2030" in form and "Zagreb 2030" not in form
    refused = client.post(
        reverse("admin:registrations_announcement_add"),
        {"edition": theirs.pk, "audience": "approved", "subject": "Hijack", "body": "x", "_preview": "1"},
    )
    assert refused.status_code == 200  # the form again, with its error
    assert not AnnouncementMessage.objects.exists()
    assert not Announcement.objects.filter(subject="Hijack").exists()


def test_a_deleted_or_anonymised_registration_takes_its_copies_with_it(admin_client, smtp_server, settings):
    edition = on_site_edition(registration_places=10)
    ana = registrant(edition, "ana@example.org", Status.APPROVED)
    bo = registrant(edition, "bo@example.org", Status.APPROVED)
    admin_client.post(preview_url(write(admin_client, edition)))
    run_worker()
    assert AnnouncementMessage.objects.count() == 2

    flow.delete(ana.pk)
    assert list(AnnouncementMessage.objects.values_list("registration", flat=True)) == [bo.pk]
    anonymise(now=edition.ends_at + datetime.timedelta(days=settings.REGISTRATION_RETENTION_DAYS + 1))
    assert not AnnouncementMessage.objects.exists()
    assert Announcement.objects.get().is_sent  # the message itself stays with the edition
