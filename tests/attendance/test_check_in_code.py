"""The check-in code where the registrant finds it: the approved e-mail (a QR code inline in the
HTML part, the link in the text) and their own page, while it can still check them in."""

import io

import pytest
import zxingcpp
from django.conf import settings
from PIL import Image

from events.models import Approval, Edition
from registrations import emails, flow
from registrations.models import Message, Registration
from tests.factories import RegistrationFactory
from tests.registrations_helpers import on_site_edition, run_worker


def read_qr(data):
    return [result.text for result in zxingcpp.read_barcodes(Image.open(io.BytesIO(data)))]


@pytest.mark.django_db(transaction=True)
def test_the_approved_email_goes_out_once_with_a_qr_code_that_opens_the_check_in_link(smtp_server):
    edition = on_site_edition(
        format=Edition.Format.IN_PERSON, online_url="", registration_approval=Approval.AUTOMATIC
    )
    registration = flow.create(edition, name="Ana Example", email="ana@example.org", organisation="A cluster",
                               country="BE", kind="cluster")  # fmt: skip
    flow.confirm(registration.pk)
    run_worker()
    run_worker()
    (message,) = [
        m for m in smtp_server.to("ana@example.org") if m["Subject"].startswith("You are registered")
    ]
    url = settings.SITE_URL + Registration.objects.get().check_in_url()
    # mixed: [related: [alternative: [text, html], the code], the calendar entry]
    assert message.get_content_type() == "multipart/mixed"
    related = message.get_payload()[0]
    assert related.get_content_type() == "multipart/related"
    alternative, image = related.get_payload()
    assert alternative.get_content_type() == "multipart/alternative"
    assert image.get_content_type() == "image/png"
    assert image["Content-ID"] == "<check-in-code>"
    assert read_qr(image.get_payload(decode=True)) == [url]
    html = message.get_body(("html",)).get_content()
    assert 'src="cid:check-in-code"' in html
    assert 'alt="Your check-in code (QR code)"' in html
    text = message.get_body(("plain",)).get_content()
    assert "show it at the door" in text
    assert url in text
    assert message.get_payload()[1].get_content_type() == "text/calendar"


@pytest.mark.django_db
def test_an_online_editions_approved_email_has_no_check_in_code(eu_group):
    edition = on_site_edition(registration_approval=Approval.AUTOMATIC)
    registration = flow.create(edition, name="Ana", email="ana@example.org", organisation="O", country="BE",
                               kind="cluster")  # fmt: skip
    flow.confirm(registration.pk)
    email = emails.build(Message.objects.get(registration=registration, kind="approved"))
    assert "check-in" not in email.body
    assert not email.images


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "shown"),
    [("approved", True), ("pending", False), ("waiting", False), ("cancelled", False), ("declined", False)],
)
def test_the_registrants_page_shows_the_code_only_while_approved(client, time_machine, status, shown):
    time_machine.move_to("2026-03-01T10:00:00+00:00", tick=False)
    registration = RegistrationFactory(status=status)
    text = client.get(registration.manage_url()).content.decode()
    assert ("Show this at the door" in text) is shown
    assert ('<svg role="img"' in text) is shown
    assert ("<title>Your check-in code</title>" in text) is shown


@pytest.mark.django_db
def test_the_code_leaves_the_registrants_page_once_the_edition_is_over(client, time_machine):
    registration = RegistrationFactory()
    time_machine.move_to("2026-03-12T10:00:00+00:00", tick=False)
    assert "Show this at the door" not in client.get(registration.manage_url()).content.decode()
