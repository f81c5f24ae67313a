"""Calendars parsed back with icalendar and with vobject, an independent parser."""

import datetime
import re
from urllib.parse import parse_qs, urlsplit

import icalendar
import pytest
import vobject

from common.timezones import zone
from events import ics
from events.models import AgendaItem, Edition
from tests.adminforms import form_data
from tests.factories import EditionFactory, SpeakerFactory

pytestmark = pytest.mark.django_db
SITE = "https://cmr.example.eu"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def fetch(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response


def parse_both(raw):
    calendar = icalendar.Calendar.from_ical(raw)
    other = vobject.readOne(raw.decode("utf-8"))
    return calendar, other


def events_by_uid(calendar):
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_charleroi_downloads_as_an_all_day_event_with_the_exclusive_end(client, archive):
    response = fetch(client, "/editions/charleroi-2024/calendar.ics")
    assert response["Content-Disposition"] == 'attachment; filename="charleroi-2024.ics"'
    calendar, other = parse_both(response.content)
    event = calendar.walk("VEVENT")[0]
    assert b"DTSTART;VALUE=DATE:20241127\r\n" in response.content
    assert b"DTEND;VALUE=DATE:20241129\r\n" in response.content
    assert event.decoded("DTSTART") == datetime.date(2024, 11, 27)
    assert other.vevent.dtstart.value == datetime.date(2024, 11, 27)
    assert other.vevent.dtend.value == datetime.date(2024, 11, 29)
    charleroi = Edition.objects.get(slug="charleroi-2024")
    assert str(event["UID"]) == other.vevent.uid.value == str(charleroi.uid)
    assert str(event["URL"]) == f"{SITE}/editions/charleroi-2024/"
    assert str(event["LOCATION"]) == "6010 Charleroi, Wallonia, Belgium"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert set(event["CATEGORIES"].cats) == {
        "Clusters meet Regions",
        "Life Sciences",
        "Cleantech",
        "Advanced Manufacturing",
    }
    assert str(event["DESCRIPTION"]) == (
        f"A successful transition from an old to a high-tech industry.\n\n{SITE}/editions/charleroi-2024/"
    )
    for prop in ("DTSTAMP", "LAST-MODIFIED"):
        assert prop in event
    assert str(calendar["PRODID"]) == ics.PRODID
    assert (str(calendar["VERSION"]), str(calendar["CALSCALE"]), str(calendar["METHOD"])) == (
        "2.0",
        "GREGORIAN",
        "PUBLISH",
    )
    # One event is not a calendar: Outlook would open a new calendar for a named one.
    assert b"X-WR-CALNAME" not in response.content and b"\r\nNAME:" not in response.content


def test_the_online_talk_is_timed_in_brussels_with_a_vtimezone(client, archive):
    response = fetch(client, "/editions/eu-clusters-talk-meta-cluster-2024/calendar.ics")
    assert b"DTSTART;TZID=Europe/Brussels:20240424T083000\r\n" in response.content
    assert b"DTEND;TZID=Europe/Brussels:20240424T094500\r\n" in response.content
    calendar, other = parse_both(response.content)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Brussels"]
    start = other.vevent.dtstart.value
    assert start.astimezone(zone("Europe/Brussels")).time() == datetime.time(8, 30)
    assert start.astimezone(zone("Europe/Lisbon")).time() == datetime.time(7, 30)
    assert calendar.walk("VEVENT")[0].decoded("DTSTART").astimezone(datetime.UTC) == datetime.datetime(
        2024, 4, 24, 6, 30, tzinfo=datetime.UTC
    )
    assert str(calendar.walk("VEVENT")[0]["LOCATION"]) == "Online"


def test_the_feed_holds_every_public_edition_with_its_status_and_never_a_draft(client):
    published = EditionFactory(title="Going ahead")
    postponed = EditionFactory(status="postponed")
    cancelled = EditionFactory(status="cancelled")
    renamed = EditionFactory(title="Old name", slug="old-name")
    draft = EditionFactory(status="draft", title="Secret draft")
    uid_before = str(renamed.uid)
    renamed.title, renamed.slug = "New name", "new-name"
    renamed.save()

    response = fetch(client, "/calendar.ics")
    calendar, other = parse_both(response.content)
    events = events_by_uid(calendar)
    assert {str(e.uid) for e in (published, postponed, cancelled, renamed)} == set(events)
    assert str(draft.uid) not in response.content.decode() and b"Secret draft" not in response.content
    assert str(events[str(postponed.uid)]["STATUS"]) == "TENTATIVE"
    assert str(events[str(cancelled.uid)]["STATUS"]) == "CANCELLED"
    assert str(events[str(published.uid)]["STATUS"]) == "CONFIRMED"
    assert str(events[uid_before]["SUMMARY"]) == "New name"
    assert len(other.vevent_list) == 4
    assert str(calendar["X-WR-CALNAME"]) == str(calendar["NAME"]) == "Clusters meet Regions"
    assert "X-WR-CALDESC" in calendar
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n" in response.content
    assert b"X-PUBLISHED-TTL:PT12H\r\n" in response.content


def test_the_series_feed_holds_only_its_series(client):
    mine = EditionFactory()
    EditionFactory(series__name="EU Clusters Talks", series__slug="eu-clusters-talks")
    calendar, _ = parse_both(fetch(client, "/series/clusters-meet-regions/calendar.ics").content)
    assert set(events_by_uid(calendar)) == {str(mine.uid)}
    assert client.get("/series/no-such-series/calendar.ics").status_code == 404


def test_sequence_grows_when_date_place_or_status_change_but_not_for_a_new_title():
    edition = EditionFactory()
    edition.title = "A better title"
    edition.save()
    assert edition.sequence == 0
    edition.end_date += datetime.timedelta(days=1)
    edition.save()
    edition.city = "Charleroi"
    edition.save()
    edition.status = "cancelled"
    edition.save()
    edition.refresh_from_db()
    assert edition.sequence == 3
    event = ics.build_vevent(edition, site_url=SITE, stamp=datetime.datetime.now(datetime.UTC))
    assert event["SEQUENCE"] == 3


def test_feeds_answer_conditional_requests_and_change_their_etag_with_the_data(client):
    edition = EditionFactory()
    first = fetch(client, "/calendar.ics")
    etag, modified = first["ETag"], first["Last-Modified"]
    not_modified = client.get("/calendar.ics", HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert client.get("/calendar.ics", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    series_feed = client.get("/series/clusters-meet-regions/calendar.ics", HTTP_IF_NONE_MATCH=etag)
    assert series_feed.status_code == 200

    edition.title = "Renamed by an organiser"
    edition.save()
    changed = client.get("/calendar.ics", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert b"Renamed by an organiser" in changed.content


def test_an_edit_through_the_admin_gives_the_feed_a_new_etag(client, admin_client):
    edition = EditionFactory()
    etag = fetch(client, "/calendar.ics")["ETag"]
    data = form_data(admin_client.get(f"/admin/events/edition/{edition.pk}/change/"))
    data.update(title="Edited in the admin")
    response = admin_client.post(f"/admin/events/edition/{edition.pk}/change/", data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    assert client.get("/calendar.ics", HTTP_IF_NONE_MATCH=etag).status_code == 200
    assert client.get("/calendar.ics")["ETag"] != etag


@pytest.mark.parametrize(
    "title",
    [
        "Clusters, regions; and more",
        "Back\\slash",
        "Two\nlines\r\nBEGIN:VEVENT\r\nSUMMARY:Injected",
        "END:VEVENT\nEND:VCALENDAR",
    ],
)
def test_hostile_titles_stay_one_summary_and_inject_nothing(client, title):
    edition = EditionFactory(title=title, teaser=title)
    raw = fetch(client, f"/editions/{edition.slug}/calendar.ics").content
    calendar, other = parse_both(raw)
    assert len(calendar.walk("VEVENT")) == 1 and len(other.vevent_list) == 1
    # A title is one line from the moment it is saved (Edition.save); the calendar says it as saved.
    saved = Edition.objects.get(pk=edition.pk).title
    assert "\n" not in saved and "\r" not in saved
    assert str(calendar.walk("VEVENT")[0]["SUMMARY"]) == saved == " ".join(title.split())
    assert other.vevent.summary.value == saved
    lines = raw.decode().split("\r\n")
    assert lines.count("BEGIN:VEVENT") == 1 and lines.count("END:VCALENDAR") == 1
    assert not any(line.startswith("SUMMARY:Injected") for line in lines)


def test_lines_are_crlf_and_folded_at_75_octets_without_splitting_a_character(client, archive):
    Edition.objects.filter(slug="krakow-2023").update(teaser="Kraków " * 40)
    for url in ("/calendar.ics", "/editions/krakow-2023/calendar.ics"):
        raw = fetch(client, url).content
        assert raw.endswith(b"\r\n")
        assert b"\n" not in raw.replace(b"\r\n", b"")
        for line in raw.split(b"\r\n"):
            assert len(line) <= 75, line
            line.decode("utf-8")  # a split character would not decode


def test_place_names_come_through_byte_exact(client, archive):
    raw = fetch(client, "/calendar.ics").content
    for name in ("Kraków", "Iași", "Kittilä", "Skåne", "Düsseldorf", "Málaga"):
        assert name.encode("utf-8") in raw.replace(b"\r\n ", b""), name


def test_absolute_urls_use_the_configured_site_not_the_host_header(client, settings):
    settings.ALLOWED_HOSTS = ["evil.example"]
    edition = EditionFactory()
    raw = client.get(f"/editions/{edition.slug}/calendar.ics", HTTP_HOST="evil.example").content
    assert b"evil.example" not in raw
    assert f"URL:{SITE}/editions/{edition.slug}/".encode() in raw


def test_the_organizer_geo_and_hybrid_location_are_set_when_known():
    edition = EditionFactory(
        format="hybrid",
        online_url="https://meet.example.org/x",
        venue_name="Palais des Beaux-Arts",
        latitude="50.411000",
        longitude="4.444000",
        contact_name="Nathalie Brahim",
        contact_email="nathalie@example.org",
    )
    event = ics.build_vevent(edition, site_url=SITE, stamp=datetime.datetime.now(datetime.UTC))
    assert event.decoded("GEO") == (50.411, 4.444) or (event["GEO"].latitude, event["GEO"].longitude) == (
        50.411,
        4.444,
    )
    assert str(event["ORGANIZER"]) == "mailto:nathalie@example.org"
    assert event["ORGANIZER"].params["CN"] == "Nathalie Brahim"
    assert str(event["LOCATION"]).endswith("and online: https://meet.example.org/x")


def test_drafts_have_no_calendar_download(client):
    draft = EditionFactory(status="draft")
    assert client.get(f"/editions/{draft.slug}/calendar.ics").status_code == 404


def test_the_agenda_is_one_timed_event_per_session_with_stable_uids(client):
    edition = EditionFactory(timezone="Europe/Warsaw", start_date=datetime.date(2023, 12, 11))
    assert client.get(f"/editions/{edition.slug}/agenda.ics").status_code == 404
    speaker = SpeakerFactory(name="Marek Przeor")
    for hour in (9, 11):
        item = AgendaItem.objects.create(
            edition=edition,
            day=edition.start_date,
            start_time=datetime.time(hour),
            end_time=datetime.time(hour + 1),
            title=f"Session at {hour}",
        )
        item.speakers.add(speaker)
    first = fetch(client, f"/editions/{edition.slug}/agenda.ics").content
    second = fetch(client, f"/editions/{edition.slug}/agenda.ics").content
    calendar, other = parse_both(first)
    events = calendar.walk("VEVENT")
    assert len(events) == len(other.vevent_list) == 2
    assert b"DTSTART;TZID=Europe/Warsaw:20231211T090000\r\n" in first
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Warsaw"]
    assert set(events_by_uid(calendar)) == set(events_by_uid(icalendar.Calendar.from_ical(second)))
    assert set(events_by_uid(calendar)) == {str(i.uid) for i in edition.agenda_items.all()}
    assert "Marek Przeor" in str(events[0]["DESCRIPTION"])


def query(url):
    assert "+" not in urlsplit(url).query  # spaces must be %20 for Outlook
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def test_add_to_calendar_links_are_prefilled_for_an_all_day_workshop(archive):
    charleroi = Edition.objects.get(slug="charleroi-2024")
    google = query(ics.google_add_link(charleroi, site_url=SITE))
    assert google["dates"] == "20241127/20241129"
    assert google["text"] == charleroi.title
    assert google["location"] == "6010 Charleroi, Wallonia, Belgium"
    assert google["details"].endswith(f"{SITE}/editions/charleroi-2024/")
    outlook = query(ics.outlook_add_link(charleroi, site_url=SITE))
    assert (outlook["startdt"], outlook["enddt"], outlook["allday"]) == ("2024-11-27", "2024-11-29", "true")
    assert outlook["subject"] == charleroi.title


def test_add_to_calendar_links_carry_the_instant_of_a_timed_event(archive):
    talk = Edition.objects.get(series__slug="eu-clusters-talks")
    google = query(ics.google_add_link(talk, site_url=SITE))
    assert google["dates"] == "20240424T063000Z/20240424T074500Z"
    assert google["ctz"] == "Europe/Brussels"
    outlook = query(ics.outlook_add_link(talk, site_url=SITE, host="outlook.office.com"))
    assert (outlook["startdt"], outlook["enddt"], outlook["allday"]) == (
        "2024-04-24T06:30:00Z",
        "2024-04-24T07:45:00Z",
        "false",
    )


def test_link_descriptions_are_cut_but_keep_the_page_url():
    edition = EditionFactory.build(teaser="word " * 500)  # longer than the field: never saved
    details = query(ics.google_add_link(edition, site_url=SITE))["details"]
    assert len(details) < ics.LINK_DESCRIPTION_LIMIT + 100
    assert details.endswith(f"{SITE}{edition.get_absolute_url()}")


def test_pages_offer_add_to_calendar_and_subscribe_links(client, at):
    at(2024, 11, 1, 12, 0)
    edition = EditionFactory()
    home = client.get("/").content.decode()
    page = client.get(edition.get_absolute_url()).content.decode()
    for html in (home, page):
        assert f'href="/editions/{edition.slug}/calendar.ics"' in html
        assert "https://calendar.google.com/calendar/render?action=TEMPLATE" in html
        assert "https://outlook.live.com/calendar/0/deeplink/compose?" in html
    assert 'href="webcal://cmr.example.eu/calendar.ics"' in home
    assert "cid=webcal%3A%2F%2Fcmr.example.eu%2Fcalendar.ics" in home
    assert "outlook.live.com/calendar/0/addfromweb?url=https%3A%2F%2Fcmr.example.eu%2Fcalendar.ics" in home
    assert 'href="https://cmr.example.eu/calendar.ics"' in home
    series = client.get("/series/clusters-meet-regions/").content.decode()
    assert 'href="webcal://cmr.example.eu/series/clusters-meet-regions/calendar.ics"' in series
    help_page = client.get("/calendar/").content.decode()
    assert re.search(r"Google decides when to fetch again", help_page)
