"""Hostile text from an organiser renders harmless on every route it reaches."""

import datetime
import json
from html.parser import HTMLParser
from xml.etree import ElementTree

import icalendar
import pytest

from events.models import (
    AgendaItem,
    CallForHosts,
    EditionHost,
    EditionSpeaker,
    Host,
    Partner,
    Partnership,
    Recording,
    Speaker,
    Summary,
)
from tests.factories import EditionFactory, HostFactory, PartnerFactory, SeriesFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('xss')</script>"
HOSTILE_LINE = f'{SCRIPT}<img src=x onerror="alert(1)"><iframe src="https://evil.example"></iframe>'
HOSTILE_MARKDOWN = f"""
Welcome! {SCRIPT}

[a link](javascript:alert(1)) and [another](JaVaScRiPt:alert(2)) and [data](data:text/html,<b>x</b>)

<a href="javascript:alert(3)" onclick="alert(4)">raw link</a>
<img src="x" onerror="alert(5)">
<iframe src="https://evil.example/frame"></iframe>
<object data="x.swf"></object>
<div style="background:url(javascript:alert(6))" onmouseover="alert(7)">styled</div>
<svg><script>alert(8)</script></svg>
"""
BAD_URL = "javascript:alert(document.cookie)"
DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "frame", "svg", "math", "base", "meta"}
SAFE_META = ("viewport", "description", "twitter:")
SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:", "/", "#", "webcal://")


class Inspector(HTMLParser):
    """Everything in a page an attacker could use to run script."""

    def __init__(self):
        super().__init__()
        self.problems = []
        self.json_ld = []
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        ordinary_meta = tag == "meta" and (
            "charset" in attributes
            or attributes.get("name", "").startswith(SAFE_META)
            or attributes.get("property", "").startswith("og:")
        )
        json_ld = tag == "script" and attributes == {"type": "application/ld+json"}
        self._in_json_ld = json_ld
        # The site's own drawings: the archive map, the series mark, the covers.
        our_svg = tag == "svg" and (
            attributes.get("aria-labelledby") == "map-title"
            or attributes.get("class") in {"mark", "cover-map"}
        )
        if tag in DANGEROUS_TAGS and not ordinary_meta and not json_ld and not our_svg:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.problems.append(f"{tag} {name}={value!r}")
            is_link = name in {"href", "src", "srcset", "action", "formaction", "data"}
            if is_link and value and not value.strip().lower().startswith(SAFE_SCHEMES):
                self.problems.append(f"{tag} {name}={value!r}")

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(data)

    def handle_endtag(self, tag):
        self._in_json_ld = False


def problems_in(html):
    inspector = Inspector()
    inspector.feed(html)
    return inspector.problems


@pytest.fixture
def hostile_site(at):
    at(2025, 3, 1, 12, 0)
    series = SeriesFactory(description=HOSTILE_MARKDOWN)
    past = EditionFactory(
        series=series,
        slug="past",
        title=f"Past {HOSTILE_LINE}",
        teaser=HOSTILE_LINE[:300],
        description=HOSTILE_MARKDOWN,
        start_date=datetime.date(2024, 11, 27),
    )
    upcoming = EditionFactory(
        series=series,
        slug="upcoming",
        title=f"Next {HOSTILE_LINE}",
        teaser=HOSTILE_LINE[:300],
        description=HOSTILE_MARKDOWN,
        start_date=datetime.date(2025, 5, 6),
        start_time=datetime.time(9),
        end_time=datetime.time(17),
        venue_name=HOSTILE_LINE,
        address=HOSTILE_LINE,
        city=f"City {SCRIPT}",
        expected_audience=HOSTILE_MARKDOWN,
        eligibility=HOSTILE_MARKDOWN,
        contact_name=HOSTILE_LINE,
        format="hybrid",
        # URL fields validate in forms; these come in another way (shell, fixtures, a restore).
        registration_url=BAD_URL,
        venue_url=BAD_URL,
        organiser_url=BAD_URL,
        online_url=BAD_URL,
    )
    for edition in (past, upcoming):
        host = HostFactory(name=f"Host {HOSTILE_LINE}"[:200], description=HOSTILE_MARKDOWN, website=BAD_URL)
        EditionHost.objects.create(edition=edition, host=host)
        partner = PartnerFactory(name=f"Partner {SCRIPT}", website=BAD_URL)
        Partnership.objects.create(edition=edition, partner=partner, role="organiser")
        speaker = SpeakerFactory(name=f"Speaker {SCRIPT}", job_title=HOSTILE_LINE[:200], organisation=SCRIPT)
        EditionSpeaker.objects.create(edition=edition, speaker=speaker)
        item = AgendaItem.objects.create(
            edition=edition,
            day=edition.start_date,
            start_time=datetime.time(10),
            title=f"Session {HOSTILE_LINE}"[:300],
            description=HOSTILE_MARKDOWN,
        )
        item.speakers.add(speaker)
    summary = Summary.objects.create(edition=past, body=HOSTILE_MARKDOWN, participants=80)
    Recording.objects.create(summary=summary, title=f"Recording {SCRIPT}", url=BAD_URL)
    CallForHosts.objects.create(
        title=f"Call {HOSTILE_LINE}"[:300], series=series, text=HOSTILE_MARKDOWN, apply_url=BAD_URL
    )
    return series


PAGES = [
    "/",
    "/sitemap.xml",
    "/editions/",
    "/editions/past/",
    "/editions/upcoming/",
    "/editions/past/summary/",
    "/series/clusters-meet-regions/",
    "/calendar/",
]


@pytest.mark.parametrize("url", PAGES)
def test_hostile_organiser_content_renders_harmless_on_each_page(client, hostile_site, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert problems_in(html) == []
    assert SCRIPT not in html


def test_hostile_text_stays_inside_the_json_ld_and_reads_back_intact(client, hostile_site):
    inspector = Inspector()
    inspector.feed(client.get("/editions/upcoming/").content.decode())
    [block] = inspector.json_ld
    assert "<" not in block and ">" not in block  # nothing can close the element
    data = json.loads(block)
    assert data["name"] == f"Next {HOSTILE_LINE}"
    assert data["performer"][0]["name"] == f"Speaker {SCRIPT}"
    assert BAD_URL not in block and "offers" not in data  # the registration URL was not http(s)
    assert all(location.get("url", "http").startswith("http") for location in data["location"])


def test_the_atom_feed_carries_hostile_text_harmlessly(client, hostile_site):
    response = client.get("/feeds/editions/")
    assert response.status_code == 200
    feed = ElementTree.fromstring(response.content)  # noqa: S314 - our own feed
    atom = "{http://www.w3.org/2005/Atom}"
    entries = feed.findall(f"{atom}entry")
    assert {e.find(f"{atom}title").text for e in entries} >= {f"Next {HOSTILE_LINE}", f"Past {HOSTILE_LINE}"}
    for entry in entries:
        summary = entry.find(f"{atom}summary").text
        assert problems_in(summary) == [], summary
        assert all(link.get("href").startswith("http") for link in entry.findall(f"{atom}link"))


def test_hostile_content_is_harmless_on_host_partner_and_speaker_pages(client, hostile_site):
    pages = ["/hosts/"] + [
        obj.get_absolute_url() for model in (Host, Partner, Speaker) for obj in model.objects.all()
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert problems_in(response.content.decode()) == [], url
        assert SCRIPT not in response.content.decode(), url


def test_the_hostile_text_is_still_shown_as_text(client, hostile_site):
    html = client.get("/editions/upcoming/").content.decode()
    assert "Next &lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;" in html


@pytest.mark.parametrize(
    "url",
    [
        "/calendar.ics",
        "/series/clusters-meet-regions/calendar.ics",
        "/editions/upcoming/calendar.ics",
        "/editions/upcoming/agenda.ics",
        "/editions/past/calendar.ics",
    ],
)
def test_hostile_organiser_content_stays_inert_text_in_the_calendars(client, hostile_site, url):
    response = client.get(url)
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    for component in calendar.walk():
        # Calendars show plain text; nothing carries HTML for them to render.
        assert "X-ALT-DESC" not in component
        for name in ("URL", "ATTACH", "CONFERENCE"):
            if name in component:
                assert str(component[name]).startswith(("http://", "https://")), (url, name, component[name])
        if "LOCATION" in component:
            assert BAD_URL not in str(component["LOCATION"])


def test_hostile_content_is_escaped_in_the_admin(admin_client, hostile_site):
    urls = ["/admin/events/edition/", "/admin/events/edition/?q=script", "/admin/events/host/"]
    # The agenda's own list, and its summary on each edition's form, show session titles too.
    urls += ["/admin/events/agendaitem/", "/admin/events/agendaitem/?q=script"]
    urls += [
        f"/admin/events/edition/{pk}/change/" for pk in AgendaItem.objects.values_list("edition", flat=True)
    ]
    for url in urls:
        html = admin_client.get(url).content.decode()
        assert SCRIPT not in html and 'onerror="alert(1)"' not in html
