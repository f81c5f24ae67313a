"""Alerts that say the right thing once (alerts/flow.py): "New edition" only when an upcoming
edition is first published, to those who followed it then; who follows an online edition or one
without a country; registration already open in the same e-mail; a call's deadline with its zone.
Through the task queue and the real SMTP server."""

import datetime

import pytest
from django.core.management import call_command
from django.utils.timezone import now as utc_now

from alerts.models import Subscription
from common.timezones import zone
from events.models import Edition, Theme
from hosting.models import CutOff
from tests.alerts.test_alerts import alerts_to, subscribe, upcoming_edition
from tests.factories import CallForHostsFactory, EditionFactory, SeriesFactory
from tests.registrations_helpers import run_worker

pytestmark = pytest.mark.django_db(transaction=True)


def subjects(smtp_server, email):
    return [m["Subject"] for m in alerts_to(smtp_server, email)]


def test_new_edition_goes_once_when_first_published_never_on_republishing_or_editing(client, smtp_server):
    subscribe(client, smtp_server, "ana@example.org", every_edition="on")
    edition = upcoming_edition(title="Clusters meet Regions: Porto", status=Edition.Status.DRAFT)
    edition.status = Edition.Status.PUBLISHED
    edition.save()
    run_worker()
    assert subjects(smtp_server, "ana@example.org") == ["New edition: Clusters meet Regions: Porto"]
    subscribe(client, smtp_server, "bea@example.org", every_edition="on")
    edition.status = Edition.Status.DRAFT
    edition.save()
    edition.status = Edition.Status.PUBLISHED
    edition.save()  # republished
    edition.teaser = "With a site visit."
    edition.save()  # edited
    run_worker()
    assert not subjects(smtp_server, "ana@example.org")
    assert not subjects(smtp_server, "bea@example.org")  # it was published before they followed


def test_publishing_or_editing_a_past_edition_alerts_nobody(client, smtp_server):
    subscribe(client, smtp_server, "ana@example.org", every_edition="on")
    edition = EditionFactory(title="Clusters meet Regions: Tallinn", start_date=datetime.date(2019, 5, 7))
    edition.teaser = "Added to the archive."
    edition.save()
    draft = EditionFactory(status=Edition.Status.DRAFT, start_date=datetime.date(2020, 3, 4))
    draft.status = Edition.Status.PUBLISHED
    draft.save()
    run_worker()
    assert not subjects(smtp_server, "ana@example.org")


def test_an_edition_loaded_with_the_archive_is_no_news_when_edited(client, smtp_server):
    subscribe(client, smtp_server, "ana@example.org", every_edition="on")
    start = datetime.date.today() + datetime.timedelta(days=30)
    ends_at = utc_now() + datetime.timedelta(days=31)
    built = EditionFactory.build(series=SeriesFactory(), start_date=start, end_date=start, ends_at=ends_at)
    (edition,) = Edition.objects.bulk_create([built])  # as loaddata does: no history
    edition.teaser = "Now on the site."
    edition.save()
    run_worker()
    assert not subjects(smtp_server, "ana@example.org")


@pytest.mark.django_db(transaction=False)
def test_an_online_edition_matches_followers_of_all_and_of_its_themes_never_of_its_country():
    green = Theme.objects.create(name="Green transition", slug="green")
    now = utc_now()
    every, themed, belgian, polish = (
        Subscription.objects.create(email=f"{name}@example.org", confirmed_at=now, **choice)
        for name, choice in [
            ("every", {"every_edition": True}),
            ("themed", {}),
            ("belgian", {"countries": ["BE"]}),
            ("polish", {"countries": ["PL"]}),
        ]
    )
    themed.themes.add(green)
    online = EditionFactory(
        format=Edition.Format.ONLINE, country="BE", online_url="https://meet.example.org/x"
    )
    online.themes.add(green)
    assert set(Subscription.objects.following(online)) == {every, themed}
    hybrid = EditionFactory(
        format=Edition.Format.HYBRID, country="BE", online_url="https://meet.example.org/y"
    )
    assert set(Subscription.objects.following(hybrid)) == {every, belgian}
    nowhere = EditionFactory(country="")
    assert set(Subscription.objects.following(nowhere)) == {every}
    assert polish not in Subscription.objects.following(hybrid)


def test_published_with_registration_open_one_email_says_both_and_no_second_follows(client, smtp_server):
    subscribe(client, smtp_server, "ana@example.org", every_edition="on")
    deadline = datetime.datetime(datetime.date.today().year + 1, 3, 20, 18, 0, tzinfo=zone("Europe/Lisbon"))
    edition = upcoming_edition(
        title="Clusters meet Regions: Porto",
        timezone="Europe/Lisbon",
        registration_url="https://example.org/register",
        registration_opens_at=utc_now() - datetime.timedelta(hours=1),
        registration_deadline=deadline,
        start_date=deadline.date() + datetime.timedelta(days=10),
    )
    run_worker()
    call_command("alerts_hourly")
    call_command("alerts_hourly")
    run_worker()
    (alert,) = alerts_to(smtp_server, "ana@example.org")
    assert alert["Subject"] == "New edition, registration open: Clusters meet Regions: Porto"
    text = alert.get_body(("plain",)).get_content()
    assert f"Registration is open until 20 March {deadline.year}, 18:00 WET (UTC+00:00)." in text
    assert edition.title in alert.get_body(("html",)).get_content()


def test_registration_opening_later_is_its_own_alert_to_those_told_of_the_edition(client, smtp_server):
    subscribe(client, smtp_server, "ana@example.org", every_edition="on")
    edition = upcoming_edition(
        title="Clusters meet Regions: Porto",
        registration_url="https://example.org/register",
        registration_opens_at=utc_now() + datetime.timedelta(days=1),
    )
    run_worker()
    opened = utc_now() - datetime.timedelta(minutes=1)
    Edition.objects.filter(pk=edition.pk).update(registration_opens_at=opened)
    call_command("alerts_hourly")
    run_worker()
    assert subjects(smtp_server, "ana@example.org") == [
        "New edition: Clusters meet Regions: Porto",
        "Registration is open: Clusters meet Regions: Porto",
    ]


def test_the_call_opened_alert_says_each_deadline_with_its_zone(client, smtp_server, at):
    subscribe(client, smtp_server, "calls@example.org", calls_for_hosts="on")
    at(2030, 6, 1, 12, 0)
    call = CallForHostsFactory(
        title="Call for 2031", deadline=datetime.datetime(2030, 11, 30, 18, 0, tzinfo=zone("Europe/Brussels"))
    )
    CutOff.objects.create(
        call=call,
        label="First deadline",
        at=datetime.datetime(2030, 7, 29, 18, 0, tzinfo=zone("Europe/Lisbon")),
        time_zone="Europe/Lisbon",
    )
    single = CallForHostsFactory(
        title="Call for 2032", deadline=datetime.datetime(2030, 12, 15, 12, 0, tzinfo=zone("Europe/Brussels"))
    )
    call_command("alerts_hourly")
    run_worker()
    texts = {
        m["Subject"]: m.get_body(("plain",)).get_content().replace("\r\n", "\n")
        for m in smtp_server.to("calls@example.org")
    }
    both = texts["A call for hosts is open: Call for 2031"]
    assert "First deadline: 29 July 2030, 18:00 WEST\nFinal deadline: 30 November 2030, 18:00 CET" in both
    one = texts[f"A call for hosts is open: {single.title}"]
    assert "Applications until 15 December 2030, 12:00 CET." in one
