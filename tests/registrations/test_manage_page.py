"""Item 12: the registrant's own page: a status badge, a details card with their answers, the
site's date ranges, a message after each step, every calendar option once approved, and a
confirmation step before "Delete my data"."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from registrations.models import Registration
from registrations.models.questions import Answer, Question
from tests.registrations_helpers import on_site_edition, signed_for

pytestmark = pytest.mark.django_db


def registration(status="pending", **fields):
    edition = fields.pop("edition", None) or on_site_edition(
        start_date=datetime.date(2030, 4, 24),
        end_date=datetime.date(2030, 4, 25),
        start_time=None,
        end_time=None,
    )
    defaults = {"name": "Anna Nowak", "email": "anna@example.org", "organisation": "Silesian Cluster"}
    return Registration.objects.create(
        edition=edition, country="PL", kind="cluster", status=status, **{**defaults, **fields}
    )


def test_the_page_shows_the_status_as_a_badge_the_details_and_the_answers_in_a_card(client):
    pending = registration()
    question = Question.objects.create(edition=pending.edition, label="Dietary needs", kind="short_text")
    Answer.objects.create(registration=pending, question=question, text="Vegetarian")
    page = client.get(pending.manage_url()).content.decode()
    assert '<span class="badge badge-pending">Pending approval</span>' in page
    assert '<dl class="registration-details">' in page
    assert "<dt>Dietary needs</dt><dd>Vegetarian</dd>" in page
    # The site's date range, not "24 April 2030 to 25 April 2030".
    text = strip_tags(page)
    assert "24–\u206025 April 2030" in text and "24 April 2030 to 25 April 2030" not in text


@pytest.mark.parametrize(
    ("status", "badge"),
    [("approved", "badge-open"), ("waiting", "badge-closed"), ("cancelled", "badge-cancelled")],
)
def test_each_status_has_its_badge_colour(client, status, badge):
    assert f'class="badge {badge}"' in client.get(registration(status).manage_url()).content.decode()


def test_confirming_leads_to_the_page_with_a_message_that_says_what_it_did(client):
    unconfirmed = registration("unconfirmed")
    response = client.post(unconfirmed.get_confirm_url())
    assert response.url == unconfirmed.manage_url() + "?done=confirmed"
    page = client.get(response.url).content.decode()
    unconfirmed.refresh_from_db()
    assert unconfirmed.status in {"approved", "pending"}
    assert 'role="status"' in page and "Your address is confirmed" in page


def test_a_message_the_status_does_not_bear_out_is_not_shown(client):
    pending = registration()
    for done in ("cancelled", "accepted", "<script>", ""):
        assert 'role="status"' not in client.get(f"{pending.manage_url()}?done={done}").content.decode()


def test_an_approved_registrant_gets_every_add_to_calendar_option_of_the_edition_page(client):
    approved = registration("approved")
    page = client.get(approved.manage_url()).content.decode()
    (calendar,) = re.findall(r'href="(/registrations/[^"/]+/)calendar\.ics" download', page)
    assert signed_for(calendar) == approved
    assert "Google Calendar" in page and "Outlook.com" in page and "Microsoft 365" in page
    pending = registration(email="bo@example.org", edition=approved.edition)
    assert "Google Calendar" not in client.get(pending.manage_url()).content.decode()


def test_cancel_and_delete_are_red_secondary_links_that_ask_first(client):
    approved = registration("approved")
    page = client.get(approved.manage_url()).content.decode()
    for action in ("cancel", "delete"):
        (path,) = re.findall(
            rf'<a class="button button-danger" href="(/registrations/[^"/]+/){action}/">', page
        )
        assert signed_for(path) == approved
    assert 'value="delete"' not in page  # no one-click deletion on the page itself

    asked = client.get(approved.manage_url() + "delete/").content.decode()
    assert "Delete your data?" in asked and "your place goes to the first person on the waiting list" in asked
    assert Registration.objects.filter(pk=approved.pk).exists()  # asking deleted nothing
    deleted = client.post(approved.manage_url(), {"action": "delete"})
    assert "Your data is deleted" in deleted.content.decode()
    assert not Registration.objects.filter(pk=approved.pk).exists()


def test_the_delete_page_of_a_forged_link_is_not_found(client):
    assert client.get("/registrations/forged/delete/").status_code == 404


def test_after_the_edition_the_page_says_it_is_over_and_offers_neither_the_calendar_nor_cancelling(client):
    past = on_site_edition(start_date=datetime.date(2024, 4, 24), end_date=datetime.date(2024, 4, 25))
    approved = registration("approved", edition=past)
    page = client.get(approved.manage_url()).content.decode()
    assert "which is now over" in page and "We look forward to seeing you" not in page
    assert "Add to calendar" not in page and "Cancel my registration" not in page
    assert "Delete my data" in page
    # Cancelling by its own address is refused too: who had a place stays as it was.
    assert client.post(reverse("registrations:cancel", args=[approved.manage_token()])).status_code == 302
    approved.refresh_from_db()
    assert approved.is_approved
