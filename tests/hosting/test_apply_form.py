"""Item 13 on the application to host: five numbered parts, dates as day/month/year, a letter's
help that says what to send, the reference never broken at its hyphen, the FAQ a link away."""

import re

import pytest

from hosting.models import Application
from tests.hosting import test_applications
from tests.hosting.test_applications import answers
from tests.registrations_helpers import run_worker

# The application tests' fixtures: a call open at a fixed time, and letters stored in a temporary folder.
open_call = test_applications.open_call
letters_root = test_applications.letters_root

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_form_comes_in_five_numbered_parts_with_the_consent_after_them(client, open_call):
    page = client.get(f"/host/calls/{open_call.pk}/apply/").content.decode()
    titles = re.findall(r'<span class="part-number">Part (\d) of 5</span> ([^<]+)</h2>', page)
    assert titles == [
        ("1", "Your organisation"),
        ("2", "The contact person"),
        ("3", "The edition you propose"),
        ("4", "Why your region"),
        ("5", "Support letter"),
    ]
    assert page.index("Support letter</h2>") < page.index('name="consent"')
    assert 'href="/faq/#hosts"' in page
    assert "A PDF." not in page and "as a PDF of up to 10 MB" in page


def test_the_error_summary_follows_the_parts_order(client, open_call, letters_root):
    sent = client.post(f"/host/calls/{open_call.pk}/apply/", answers(organisation="", city="", partners=""))
    targets = re.findall(r'<li><a href="#(id_\w+)">', sent.content.decode())
    assert targets == ["id_organisation", "id_city", "id_partners"]


def test_dates_read_and_are_written_as_day_month_year(client, open_call, letters_root):
    page = client.get(f"/host/calls/{open_call.pk}/apply/").content.decode()
    assert 'type="date"' not in page and "for example 14/10/2027" in page
    sent = client.post(
        f"/host/calls/{open_call.pk}/apply/", answers(proposed_start="12/10/2027", proposed_end="10/13/2027")
    )
    page = sent.content.decode()
    assert 'value="12/10/2027"' in page  # what was typed comes back as it was read
    assert "Write the date as day, month and year" in page  # 10/13 is no day/month
    dotted = answers(proposed_start="12/10/2027", proposed_end="13.10.2027")
    client.post(f"/host/calls/{open_call.pk}/apply/", dotted)
    application = Application.objects.get()
    assert (str(application.proposed_start), str(application.proposed_end)) == ("2027-10-12", "2027-10-13")


def test_the_confirmed_page_keeps_the_reference_in_one_piece(client, smtp_server, open_call, letters_root):
    inbox = client.post(f"/host/calls/{open_call.pk}/apply/", answers()).content.decode()
    # The same steps as the registration's and the alerts' "Check your inbox".
    assert "Open the link in it and press “Confirm”." in inbox
    assert "Your application counts from then." in inbox
    application = Application.objects.get()
    run_worker()
    page = client.post(application.get_confirm_url()).content.decode()
    assert f'<strong class="nowrap">{application.reference}</strong>' in page
    assert "is received" not in page and "to host an edition, under “Call for 2027”" in page
