"""E-mail alerts (alerts/): double opt-in, alerts on publish, by country and theme, on change,
on a call opening, one-click unsubscribe by POST; through the real SMTP server and the task queue."""

import datetime
import re

import pytest
from django.core.management import call_command

from alerts.emails import button_label
from alerts.models import Alert, Subscription
from events.models import Edition, Theme
from tests.factories import CallForHostsFactory, EditionFactory
from tests.registrations_helpers import run_worker

pytestmark = pytest.mark.django_db(transaction=True)


def subscribe(client, smtp_server, email, **choices):
    data = {"email": email, "website": "", **choices}
    assert "Check your inbox" in client.post("/alerts/subscribe/", data).content.decode()
    run_worker()
    (message,) = smtp_server.to(email)
    body = message.get_body(("plain",)).get_content()
    path = re.search(r"http://127\.0\.0\.1:8000(/alerts/confirm/\S+)", body).group(1)
    assert "<button" in client.get(path).content.decode()
    assert Subscription.objects.get(email=email).confirmed_at is None  # opening the link is not enough
    client.post(path)
    assert Subscription.objects.get(email=email).confirmed_at is not None
    smtp_server.messages.clear()


def upcoming_edition(**fields):
    """An edition some weeks ahead: "New edition" is news of upcoming editions only."""
    start = fields.pop("start_date", datetime.date.today() + datetime.timedelta(days=60))
    return EditionFactory(start_date=start, end_date=start + datetime.timedelta(days=1), **fields)


def alerts_to(smtp_server, email):
    return [m for m in smtp_server.to(email) if "confirm" not in m["Subject"].lower()]


def test_subscribe_confirm_alert_on_publish_one_click_unsubscribe_then_no_more(client, smtp_server):
    subscribe(client, smtp_server, "ana@example.org", every_edition="on")
    edition = upcoming_edition(status=Edition.Status.DRAFT, title="Clusters meet Regions: Porto")
    run_worker()
    assert not alerts_to(smtp_server, "ana@example.org")  # a draft is nobody's news
    edition.status = Edition.Status.PUBLISHED
    edition.save()
    edition.save()  # saved twice: still one alert
    run_worker()
    (alert,) = alerts_to(smtp_server, "ana@example.org")
    assert alert["Subject"] == "New edition: Clusters meet Regions: Porto"
    assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header = "".join(str(alert["List-Unsubscribe"]).split())
    unsubscribe = re.fullmatch(r"<http://127\.0\.0\.1:8000(/alerts/\S+/unsubscribe/)>", header).group(1)
    assert unsubscribe in alert.get_body(("plain",)).get_content()
    # RFC 8058: the mail client's POST, without cookie, token or login, unsubscribes at once.
    from django.test import Client

    answer = Client(enforce_csrf_checks=True).post(
        unsubscribe, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert answer.status_code == 200 and not Subscription.objects.exists() and not Alert.objects.exists()
    upcoming_edition(title="Clusters meet Regions: Lyon")
    run_worker()
    assert len(alerts_to(smtp_server, "ana@example.org")) == 1


def test_alerts_by_country_and_theme_reach_only_those_who_chose_them(client, smtp_server):
    green = Theme.objects.create(name="Green transition", slug="green")
    digital = Theme.objects.create(name="Digital", slug="digital")
    subscribe(client, smtp_server, "poland@example.org", countries=["PL"])
    subscribe(client, smtp_server, "green@example.org", themes=[green.pk])
    subscribe(client, smtp_server, "calls@example.org", calls_for_hosts="on")
    draft = Edition.Status.DRAFT
    edition = upcoming_edition(title="Clusters meet Regions: Kraków", country="PL", status=draft)
    edition.themes.set([digital])
    edition.status = Edition.Status.PUBLISHED
    edition.save()
    other = upcoming_edition(title="Clusters meet Regions: Lyon", country="FR", status=draft)
    other.themes.set([green])
    other.status = Edition.Status.PUBLISHED
    other.save()
    run_worker()
    assert [m["Subject"] for m in alerts_to(smtp_server, "poland@example.org")] == [
        "New edition: Clusters meet Regions: Kraków"
    ]
    assert [m["Subject"] for m in alerts_to(smtp_server, "green@example.org")] == [
        "New edition: Clusters meet Regions: Lyon"
    ]
    assert not alerts_to(smtp_server, "calls@example.org")


def test_a_change_to_a_followed_edition_sends_one_alert_and_a_later_subscriber_hears_nothing_of_it(
    client, smtp_server
):
    subscribe(client, smtp_server, "ana@example.org", every_edition="on")
    edition = upcoming_edition(title="Clusters meet Regions: Porto")
    run_worker()
    edition.refresh_from_db()
    edition.start_date += datetime.timedelta(days=7)
    edition.end_date += datetime.timedelta(days=7)
    edition.save()
    edition.save()  # saved again with nothing new: no second alert
    run_worker()
    subjects = [m["Subject"] for m in alerts_to(smtp_server, "ana@example.org")]
    assert subjects == ["New edition: Clusters meet Regions: Porto", "Changed: Clusters meet Regions: Porto"]
    subscribe(client, smtp_server, "late@example.org", every_edition="on")
    edition.teaser = "Now with a site visit."
    edition.save()
    run_worker()
    assert not alerts_to(smtp_server, "ana@example.org")  # a new teaser is no change of date or place
    # Published before they followed: the edition is no news to them, nor its change.
    assert not alerts_to(smtp_server, "late@example.org")
    edition.status = Edition.Status.CANCELLED
    edition.save()
    run_worker()
    assert "Cancelled: Clusters meet Regions: Porto" in [
        m["Subject"] for m in alerts_to(smtp_server, "ana@example.org")
    ]


def test_a_call_opening_alerts_those_who_follow_calls_once(client, smtp_server, at):
    subscribe(client, smtp_server, "calls@example.org", calls_for_hosts="on")
    CallForHostsFactory(
        title="Call for 2028", deadline=datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=30)
    )
    call_command("alerts_hourly")
    call_command("alerts_hourly")
    run_worker()
    assert [m["Subject"] for m in smtp_server.to("calls@example.org")] == [
        "A call for hosts is open: Call for 2028"
    ]


def test_registration_opening_alerts_the_editions_followers_once_when_it_opens(client, smtp_server):
    subscribe(client, smtp_server, "ana@example.org", every_edition="on")
    now = datetime.datetime.now(datetime.UTC)
    EditionFactory(
        title="Clusters meet Regions: Porto",
        start_date=(now + datetime.timedelta(days=60)).date(),
        registration_url="https://example.org/register",
        registration_opens_at=now + datetime.timedelta(days=2),
    )
    run_worker()
    smtp_server.messages.clear()  # the "new edition" alert
    call_command("alerts_hourly")
    run_worker()
    assert not alerts_to(smtp_server, "ana@example.org")  # not open yet
    Edition.objects.update(registration_opens_at=now - datetime.timedelta(minutes=5))
    call_command("alerts_hourly")
    call_command("alerts_hourly")
    run_worker()
    assert [m["Subject"] for m in alerts_to(smtp_server, "ana@example.org")] == [
        "Registration is open: Clusters meet Regions: Porto"
    ]


def test_choices_change_from_the_signed_link_and_unconfirmed_addresses_are_forgotten(client, smtp_server, at):
    subscribe(client, smtp_server, "ana@example.org", every_edition="on")
    subscription = Subscription.objects.get()
    page = client.post(subscription.manage_url(), {"countries": ["FI"]})
    assert "Your choice is saved" in page.content.decode()
    subscription.refresh_from_db()
    assert not subscription.every_edition and [c.code for c in subscription.countries] == ["FI"]
    assert client.get("/alerts/forged-token/").status_code == 404
    client.post("/alerts/subscribe/", {"email": "never@example.org", "every_edition": "on"})
    at(2030, 1, 1, 12, 0)
    call_command("alerts_hourly")
    assert list(Subscription.objects.values_list("email", flat=True)) == ["ana@example.org"]


@pytest.mark.django_db(transaction=False)
def test_the_sign_up_page_is_linked_from_every_page_sets_no_cookie_and_the_privacy_notice_covers_alerts(
    client,
):
    assert 'href="/alerts/"' in client.get("/").content.decode()
    page = client.get("/alerts/")
    assert (
        page.status_code == 200
        and not page.cookies
        and 'action="/alerts/subscribe/"' in page.content.decode()
    )
    privacy = client.get("/privacy/").content.decode()
    assert "<h2>E-mail alerts</h2>" in privacy
    assert "no tracking pixel" in privacy


def test_the_sign_up_offers_the_countries_of_europe_not_the_worlds(client):
    html = client.get("/alerts/").content.decode()
    assert 'value="PL"' in html and 'value="UA"' in html and 'value="NO"' in html
    assert 'value="BR"' not in html and 'value="JP"' not in html


@pytest.mark.parametrize(
    ("event_key", "label"),
    [
        ("confirm:20300401120000", "Confirm my alerts"),
        ("link:20300401120000", "Change my alerts"),
        ("call-open:2", "See the call"),
        ("published:12", "See the edition"),
        ("changed:12:3", "See the edition"),
    ],
)
def test_an_alerts_button_says_where_it_leads(event_key, label):
    assert button_label(Alert(event_key=event_key)) == label
