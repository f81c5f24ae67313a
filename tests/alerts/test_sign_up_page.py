"""Item 13 on the alerts: the choices in one group, the answer says what was chosen and what
happens next, and an old alert's link after unsubscribing says so."""

import re

import pytest

from alerts.models import Subscription
from events.models import Theme

pytestmark = pytest.mark.django_db


def test_the_choices_are_one_group_the_single_boxes_before_the_lists(client):
    Theme.objects.create(name="Cleantech", slug="cleantech")
    page = client.get("/alerts/").content.decode()
    group = page[page.index(">What to hear about</h2>") :]
    names = re.findall(r'name="(every_edition|calls_for_hosts|countries|themes)"', group)
    assert list(dict.fromkeys(names)) == ["every_edition", "calls_for_hosts", "countries", "themes"]


def test_choosing_nothing_is_one_line_of_the_summary_that_leads_to_the_choices(client):
    page = client.post("/alerts/subscribe/", {"email": "ana@example.org", "website": ""}).content.decode()
    line = "What to hear about: Choose at least one thing to hear about."
    assert f'<a href="#id_every_edition">{line}</a>' in page


def test_the_answer_says_what_was_chosen_and_what_happens_next(client):
    theme = Theme.objects.create(name="Cleantech", slug="cleantech")
    data = {"email": "ana@example.org", "website": "", "countries": ["PL", "BE"], "themes": [theme.pk]}
    page = client.post("/alerts/subscribe/", {**data, "calls_for_hosts": "on"}).content.decode()
    assert "<li>Editions in Belgium and Poland</li>" in page
    assert "<li>Editions on Cleantech</li>" in page and "<li>Calls for hosts</li>" in page
    assert "<li>Every new edition</li>" not in page
    assert "What happens next" in page and "Open the link in it and press “Confirm”." in page


def test_an_old_alerts_link_after_unsubscribing_says_so_and_a_forged_one_is_not_found(client):
    subscription = Subscription.objects.create(email="ana@example.org", every_edition=True)
    manage_url = subscription.manage_url()
    client.post(subscription.get_unsubscribe_url())
    gone = client.get(manage_url)
    assert gone.status_code == 410 and "You are unsubscribed" in gone.content.decode()
    assert client.get("/alerts/forged-token/").status_code == 404
