"""Every e-mail the site sends has a Reply-To a person reads: the edition's contact address where the
e-mail is about an edition that has one, otherwise the organisers' (ORGANISERS_EMAIL); delivered
to the real SMTP server, kind by kind."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from alerts.models import Alert, Subscription
from hosting.models import ApplicationMessage
from mail import delivery
from mail.emails import write_to
from registrations import flow
from registrations.models import Announcement, AnnouncementMessage, Message, MessageKind
from tests.factories import ApplicationFactory
from tests.registrations_helpers import on_site_edition

pytestmark = pytest.mark.django_db

ORGANISERS = "Clusters meet Regions organisers <organisers@example.eu>"


@pytest.fixture
def organisers(settings):
    settings.ORGANISERS_EMAIL = ORGANISERS
    return ORGANISERS


def deliver_everything():
    assert delivery.sweep(grace=datetime.timedelta(0)) > 0


def every_registration_email(edition, email):
    """One message of each kind, and a message from the organisers, to one registrant."""
    registration = flow.create(
        edition, name="Ana", email=email, organisation="A cluster", country="BE", kind="cluster"
    )
    for kind in MessageKind.values:
        Message.objects.get_or_create(registration=registration, kind=kind)
    announcement = Announcement.objects.create(edition=edition, subject="Bring your badge", body="See you.")
    AnnouncementMessage.objects.create(announcement=announcement, registration=registration)


def test_every_email_about_an_edition_with_a_contact_replies_to_that_contact(smtp_server, organisers):
    every_registration_email(on_site_edition(contact_email="team@vilnius.example.org"), "ana@example.org")
    deliver_everything()
    received = smtp_server.to("ana@example.org")
    assert len(received) == len(MessageKind.values) + 1
    assert {m["Reply-To"] for m in received} == {"team@vilnius.example.org"}


def test_every_email_about_an_edition_without_a_contact_replies_to_the_organisers(smtp_server, organisers):
    every_registration_email(on_site_edition(contact_email=""), "bo@example.org")
    deliver_everything()
    received = smtp_server.to("bo@example.org")
    assert len(received) == len(MessageKind.values) + 1
    assert {m["Reply-To"] for m in received} == {ORGANISERS}


def test_applications_to_host_and_alerts_reply_to_the_organisers(smtp_server, organisers):
    application = ApplicationFactory()
    for kind in ApplicationMessage.Kind.values:
        ApplicationMessage.objects.create(application=application, kind=kind)
    subscription = Subscription.objects.create(email="sam@example.org", every_edition=True)
    Alert.objects.create(
        subscription=subscription, event_key="published:1", subject="New edition", text="Hi", url="/editions/"
    )
    deliver_everything()
    to_applicant, to_subscriber = smtp_server.to("anna@example.org"), smtp_server.to("sam@example.org")
    assert len(to_applicant) == len(ApplicationMessage.Kind.values) and len(to_subscriber) == 1
    assert {m["Reply-To"] for m in [*to_applicant, *to_subscriber]} == {ORGANISERS}


def test_the_declined_emails_say_where_to_write(smtp_server, organisers):
    edition = on_site_edition(contact_email="team@vilnius.example.org")
    registration = flow.create(
        edition, name="Ana", email="ana@example.org", organisation="A cluster", country="BE", kind="cluster"
    )
    Message.objects.create(registration=registration, kind=MessageKind.DECLINED)
    deliver_everything()
    (declined,) = [m for m in smtp_server.to("ana@example.org") if "declined" in m["Subject"]]
    for part in ("plain", "html"):
        assert (
            "reply to this e-mail or write to team@vilnius.example.org"
            in declined.get_body((part,)).get_content()
        )


def test_the_privacy_notice_names_where_to_write(client):
    page = client.get("/privacy/").content.decode()
    assert f'<a href="mailto:{write_to()}"' in page
    assert '<a href="/contact/">Contact</a>' in page


def test_the_deploy_check_warns_when_replies_would_go_to_a_no_reply_address(settings):
    settings.ORGANISERS_EMAIL = "Clusters meet Regions <noreply@example.eu>"
    with pytest.raises(SystemCheckError, match="mail.W001"):
        call_command("check", "--deploy", "--fail-level", "WARNING", "--tag", "mail")
    settings.ORGANISERS_EMAIL = ORGANISERS
    call_command("check", "--deploy", "--fail-level", "WARNING", "--tag", "mail")
