"""The e-mails' parts: text, HTML without remote images, and the .ics read by icalendar, vobject and khal."""

import shutil
import subprocess

import pytest
import vobject
from icalendar import Calendar

from events.models import Approval
from registrations import emails, flow
from registrations.models import Message
from tests.registrations_helpers import on_site_edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved_message(eu_group):
    edition = on_site_edition(registration_approval=Approval.AUTOMATIC, registration_group=eu_group)
    registration = flow.create(edition, name="Ana Example", email="ana@example.org", organisation="A cluster",
                               country="BE", kind="cluster")  # fmt: skip
    flow.confirm(registration.pk)
    return Message.objects.get(registration=registration, kind="approved")


def test_each_kind_of_email_has_a_text_and_an_html_part_with_absolute_links_and_no_remote_images(eu_group):
    edition = on_site_edition()
    registration = flow.create(edition, name="Ana", email="ana@example.org", organisation="O", country="BE",
                               kind="cluster")  # fmt: skip
    for kind in emails.Kind.values:
        message = Message(registration=registration, kind=kind)
        email = emails.build(message)
        html = email.alternatives[0][0]
        assert "http://127.0.0.1:8000/registrations/" in email.body
        assert "<img" not in html and "src=" not in html
        assert registration.name in html


def test_the_approved_emails_calendar_parses_in_icalendar_vobject_and_khal(approved_message, tmp_path):
    email = emails.build(approved_message)
    (name, body, mimetype) = email.attachments[0]
    assert mimetype.startswith("text/calendar")
    edition = approved_message.registration.edition
    event = Calendar.from_ical(body).walk("VEVENT")[0]
    assert str(event["UID"]) == str(edition.uid)
    parsed = vobject.readOne(body)  # Django keeps a text/* attachment as str
    assert parsed.vevent.uid.value == str(edition.uid)
    if shutil.which("khal") is None:
        pytest.fail("khal is missing: make test installs it")
    config = tmp_path / "khal.conf"
    calendar_dir = tmp_path / "cal"
    calendar_dir.mkdir()
    config.write_text(
        f"[calendars]\n[[cal]]\npath = {calendar_dir}\ntype = calendar\n"
        "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
    )
    ics = tmp_path / name
    ics.write_text(body, encoding="utf-8")
    subprocess.run(["khal", "-c", str(config), "import", "--batch", "-a", "cal", str(ics)], check=True)
    listed = subprocess.run(
        ["khal", "-c", str(config), "list", "--format", "{start} {title}", "2030-04-24", "1d"],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    assert "2030-04-24 08:30" in listed and edition.title in listed
