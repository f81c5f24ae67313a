import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils.html import escape

from events.models import CallForHosts, Edition, EditionHost, Partnership, Recording, Summary
from events.roles import ORGANISERS
from tests.factories import (
    CallForHostsFactory,
    EditionFactory,
    HostFactory,
    PartnerFactory,
    SpeakerFactory,
    SummaryFactory,
)

pytestmark = pytest.mark.django_db


def year_section(html, year):
    match = re.search(rf'<section class="year" aria-labelledby="year-{year}">(.*?)</section>', html, re.S)
    assert match, f"no {year} group in the archive"
    return match.group(1)


def edition_block(html, slug):
    match = re.search(
        rf'<article class="(?:card edition-item|edition-row)[^"]*">(?:(?!</article>).)*?'
        rf'<h3><a class="card-link" href="/editions/{slug}/">.*?</article>',
        html,
        re.S,
    )
    assert match, f"{slug} is not listed"
    return match.group(0)


# The real archive


def test_the_archive_lists_krakow_in_2023_with_its_summary_noted_and_katowice_in_2022_without(
    client, archive
):
    html = client.get("/editions/").content.decode()
    krakow = edition_block(year_section(html, 2023), "krakow-2023")
    assert "Kraków, Poland" in krakow
    # A word joiner after the dash: "11–12" never breaks on a phone (tests/browser/test_proofs.py).
    days = '<time datetime="2023-12-11">11</time>–\u2060<time datetime="2023-12-12">12 December 2023</time>'
    assert days in krakow
    # The seeds say Kraków has a summary, but none of it is on the site: no link and no mark on its
    # card (its page says so, tests/events/test_archive_seeds.py).
    assert "summary" not in krakow.lower()
    katowice = edition_block(year_section(html, 2022), "katowice-2022")
    assert "Katowice, Poland" in katowice
    assert "summary" not in katowice


def test_the_archive_runs_newest_first(client, archive):
    html = client.get("/editions/").content.decode()
    years = [int(y) for y in re.findall(r'<h2 id="year-(\d{4})">', html)]
    assert years == [2024, 2023, 2022, 2006]
    listed = html.index('class="archive-list"')
    slugs = ("charleroi-2024", "milan-2024", "krakow-2023")
    positions = [html.index(f'href="/editions/{slug}/"', listed) for slug in slugs]
    assert positions == sorted(positions)


def test_every_page_of_the_real_archive_renders(client, archive):
    slugs = Edition.objects.values_list("slug", flat=True)
    for slug in slugs:
        response = client.get(f"/editions/{slug}/")
        assert response.status_code == 200, slug
        assert f"<h1>{escape(Edition.objects.get(slug=slug).title)}</h1>".encode() in response.content
    # Every summary in the archive is only recorded as published elsewhere: none has a page here.
    for slug in Edition.objects.filter(summary__isnull=False).values_list("slug", flat=True):
        assert client.get(f"/editions/{slug}/summary/").status_code == 404, slug
    for slug in ("clusters-meet-regions", "eu-clusters-talks", "eccp-annual-conference", "ire-workshops"):
        assert client.get(f"/series/{slug}/").status_code == 200, slug


def test_the_charleroi_page_says_it_has_passed_and_shows_its_partners_and_venue(client, archive, at):
    at(2026, 11, 21, 12, 0)
    html = client.get("/editions/charleroi-2024/").content.decode()
    assert "This edition has passed." in html
    assert "A successful transition from an old to a high-tech industry." in html
    assert "IGRETEC Charleroi" in html and "EURADA" in html
    assert "6010 Charleroi, Wallonia" in html
    assert "https://www.openstreetmap.org/?mlat=50.411360&amp;mlon=4.444480" in html
    assert "Charleroi Metropole" in html and "Lead host" in html
    assert 'href="tel:+32492375960"' in html


def test_the_online_talk_shows_its_time_speakers_and_closed_registration(client, archive, at):
    at(2026, 11, 21, 12, 0)
    html = client.get("/editions/eu-clusters-talk-meta-cluster-2024/").content.decode()
    assert '<time datetime="2024-04-24T08:30:00+02:00">08:30</time>' in html
    assert 'CEST <span class="nowrap">(Europe/Brussels time)</span>' in html
    assert "Thomas Röhr" in html and "Secretary General, European Automotive Cluster Network (EACN)" in html
    assert "Registration is closed: the deadline was" in html
    assert "24 April 2024, 07:30 CEST" in html
    assert "SMP/COSME" in html
    assert "Venue" not in html


def test_with_nothing_scheduled_the_upcoming_page_points_to_the_archive(client, archive, at):
    at(2026, 11, 21, 12, 0)
    html = client.get("/").content.decode()
    assert "No edition is scheduled right now" in html
    assert 'href="/editions/"' in html
    assert "No call for hosts is open at the moment" in html
    assert 'href="/host/"' in html and 'href="/alerts/"' in html


def test_the_home_page_pictures_where_the_series_has_been_and_links_to_the_archive_map(client, archive, at):
    at(2026, 11, 21, 12, 0)
    html = client.get("/").content.decode()
    section = html[html.index('id="map-heading"') : html.index("</section>", html.index('id="map-heading"'))]
    assert "Where the series has been" in section
    # A picture, not 18 links too small to tap on a phone: its title names every place, and the
    # archive's map, with its list of places, is one link away.
    svg = section[section.index("<svg") : section.index("</svg>")]
    assert 'role="img"' in svg and "<a " not in svg
    assert ">Charleroi</text>" in svg and ">Málaga</text>" in svg
    # The IRE workshop in Brussels belongs to another series: the record is the main series' own.
    assert "Brussels" not in svg
    title = svg[svg.index("<title") : svg.index("</title>")]
    for place in ("Kraków, Poland", "Málaga, Spain", "Vilnius, Lithuania"):
        assert place in title
    assert '<a href="/editions/#map-heading">' in section
    assert 'id="map-heading"' in client.get("/editions/").content.decode()


# Upcoming page


def test_the_next_edition_is_featured_with_its_hosts_and_a_register_button(client, at):
    at(2024, 11, 1, 12, 0)
    later = EditionFactory(start_date=datetime.date(2025, 3, 10), title="Later edition")
    nxt = EditionFactory(
        start_date=datetime.date(2024, 11, 27),
        title="Charleroi edition",
        teaser="A successful transition.",
        registration_url="https://example.org/register",
    )
    EditionHost.objects.create(edition=nxt, host=HostFactory(name="IGRETEC"), role="lead")
    EditionFactory(start_date=datetime.date(2024, 3, 26), title="Milan, over already")
    html = client.get("/").content.decode()
    featured = html[html.index('class="featured"') : html.index("</section>")]
    assert "Charleroi edition" in featured and "A successful transition." in featured
    assert "Hosted by IGRETEC" in featured
    assert 'href="https://example.org/register"' in featured
    assert html.index("Charleroi edition") < html.index(later.title)
    assert "Milan, over already" not in html


def test_the_register_button_goes_away_after_the_deadline(client, at):
    EditionFactory(
        registration_url="https://example.org/register",
        registration_deadline=datetime.datetime(2024, 11, 20, 18, 0, tzinfo=datetime.UTC),
    )
    at(2024, 11, 20, 12, 0)
    assert b"https://example.org/register" in client.get("/").content
    at(2024, 11, 21, 12, 0)
    assert b"https://example.org/register" not in client.get("/").content


def test_a_cancelled_edition_is_listed_but_never_featured(client, at):
    at(2024, 11, 1, 12, 0)
    EditionFactory(start_date=datetime.date(2024, 11, 5), title="Called off", status=Edition.Status.CANCELLED)
    EditionFactory(start_date=datetime.date(2024, 11, 27), title="Going ahead")
    html = client.get("/").content.decode()
    assert re.search(r'id="next-edition"><a [^>]*>Going ahead<', html)
    assert "Called off" in html and "Cancelled" in html


def test_an_open_call_for_hosts_is_shown_on_the_upcoming_page(client, at):
    at(2022, 7, 1, 12, 0)
    CallForHostsFactory(deadline=datetime.datetime(2022, 7, 29, 16, 0, tzinfo=datetime.UTC))
    html = client.get("/").content.decode()
    assert "Call to host the next editions" in html
    assert "29 July 2022, 18:00 CEST" in html
    call = CallForHosts.objects.get()
    assert f'href="/host/calls/{call.pk}/apply/"' in html
    assert "Bring Clusters meet Regions to your region" not in html


# Edition pages


def test_an_edition_page_shows_agenda_speakers_partners_and_contact(client, at):
    at(2024, 11, 1, 12, 0)
    edition = EditionFactory(
        contact_name="Ms Nathalie Brahim",
        contact_email="contact@example.org",
        venue_name="Le Palais",
        latitude="50.411000",
        longitude="4.444000",
    )
    speaker = SpeakerFactory(name="Marek Przeor", job_title="Team Leader", organisation="DG GROW")
    edition.edition_speakers.create(speaker=speaker)
    item = edition.agenda_items.create(
        day=edition.start_date, start_time=datetime.time(9), end_time=datetime.time(10), title="Opening"
    )
    item.speakers.add(speaker)
    Partnership.objects.create(edition=edition, partner=PartnerFactory(name="EURADA"), role="partner")
    html = client.get(edition.get_absolute_url()).content.decode()
    assert "Opening" in html and "Marek Przeor (Team Leader, DG GROW)" in html
    assert "EURADA" in html and "mailto:contact@example.org" in html
    assert "https://www.openstreetmap.org/?mlat=50.411000&amp;mlon=4.444000" in html
    assert "This edition has passed" not in html


@pytest.mark.parametrize(
    ("status", "banner"),
    [("cancelled", "This edition has been cancelled."), ("postponed", "This edition has been postponed.")],
)
def test_cancelled_and_postponed_editions_carry_a_banner(client, status, banner):
    edition = EditionFactory(status=status)
    assert banner in client.get(edition.get_absolute_url()).content.decode()


def test_organiser_markdown_is_rendered_and_sanitised(client):
    edition = EditionFactory(
        description="## Programme\n\n**Bold** <script>alert(1)</script> [x](javascript:alert(1)) "
        '<a href="https://example.org" onclick="steal()">ok</a> <iframe src="https://evil.example"></iframe>'
    )
    html = client.get(edition.get_absolute_url()).content.decode()
    assert "<h2>Programme</h2>" in html and "<strong>Bold</strong>" in html
    assert "<script>alert" not in html and "javascript:" not in html
    assert "onclick" not in html and "<iframe" not in html


def test_the_summary_page_shows_text_recordings_and_figures(client):
    summary = SummaryFactory(participants=104, countries=19, body="Clusters met regions.")
    summary.recordings.create(title="Opening session", url="https://example.org/video")
    html = client.get(summary.get_absolute_url()).content.decode()
    assert "Clusters met regions." in html and "104" in html and "19" in html
    assert 'href="https://example.org/video"' in html


def test_the_series_page_lists_its_editions_only(client, at):
    at(2024, 11, 1, 12, 0)
    mine = EditionFactory(title="In the series")
    other = EditionFactory(series__name="Talks", series__slug="talks", title="Another series")
    html = client.get(mine.series.get_absolute_url()).content.decode()
    assert "In the series" in html and other.title not in html


# Drafts


def test_drafts_are_invisible_to_the_public_everywhere(client, at):
    at(2024, 11, 1, 12, 0)
    for start in (datetime.date(2024, 3, 1), datetime.date(2024, 12, 1)):
        draft = EditionFactory(
            status="draft", title=f"Secret draft {start.year}-{start.month}", start_date=start
        )
        SummaryFactory(edition=draft)
        assert client.get(draft.get_absolute_url()).status_code == 404
        assert client.get(f"/editions/{draft.slug}/summary/").status_code == 404
    for url in ("/", "/editions/", "/series/clusters-meet-regions/", "/editions/?year=2024"):
        assert b"Secret draft" not in client.get(url).content, url


def test_organisers_and_the_editions_team_preview_a_draft_at_its_public_url_other_staff_do_not(client):
    draft = EditionFactory(status="draft")
    users = get_user_model().objects
    organiser = users.create_user("organiser", is_staff=True)
    organiser.groups.add(Group.objects.get_or_create(name=ORGANISERS)[0])
    member, stranger = users.create_user("member", is_staff=True), users.create_user("other", is_staff=True)
    draft.team.add(member)
    for user in (organiser, member):
        client.force_login(user)
        response = client.get(draft.get_absolute_url())
        assert response.status_code == 200
        assert b"Preview: this edition is a draft." in response.content
    client.force_login(stranger)
    assert client.get(draft.get_absolute_url()).status_code == 404


# Filters and bad input


@pytest.fixture
def three_past_editions(at):
    at(2025, 1, 15, 12, 0)
    EditionFactory(slug="krakow-2023", city="Kraków", country="PL", start_date=datetime.date(2023, 12, 11))
    EditionFactory(slug="lyon-2023", city="Lyon", country="FR", start_date=datetime.date(2023, 10, 12))
    EditionFactory(
        slug="talk-2024",
        country="BE",
        start_date=datetime.date(2024, 4, 24),
        series__name="EU Clusters Talks",
        series__slug="eu-clusters-talks",
    )


def listed(response):
    return set(re.findall(r'<h3><a class="card-link" href="/editions/([\w-]+)/">', response.content.decode()))


@pytest.mark.usefixtures("three_past_editions")
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"krakow-2023", "lyon-2023", "talk-2024"}),
        ("?year=2023", {"krakow-2023", "lyon-2023"}),
        ("?country=PL", {"krakow-2023"}),
        ("?series=eu-clusters-talks", {"talk-2024"}),
        ("?year=2023&country=FR&series=clusters-meet-regions", {"lyon-2023"}),
        ("?year=&country=&series=", {"krakow-2023", "lyon-2023", "talk-2024"}),
        ("?utm_source=newsletter", {"krakow-2023", "lyon-2023", "talk-2024"}),
    ],
)
def test_the_archive_filters(client, query, expected):
    response = client.get("/editions/" + query)
    assert response.status_code == 200
    assert listed(response) == expected


@pytest.mark.usefixtures("three_past_editions")
@pytest.mark.parametrize(
    "query",
    [
        "?year=abc",
        "?year=1999",
        "?year=2023%00",
        "?country=XX",
        "?country=" + "A" * 5000,
        "?series=nope",
        "?year=%ff%fe",
    ],
)
def test_bad_filter_values_get_a_400_with_the_reason(client, query):
    response = client.get("/editions/" + query)
    assert response.status_code == 400
    assert b"These filters could not be applied" in response.content


@pytest.mark.parametrize(
    "url",
    [
        "/editions/no-such-edition/",
        "/editions/no-such-edition/summary/",
        "/series/no-such-series/",
        "/editions/%ff%fe/",
        "/editions/?page=abc",
        "/editions/?page=999",
        "/editions/?page=-1",
        "/no/such/page/",
    ],
)
def test_unknown_addresses_get_the_sites_own_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert b"<h1>Page not found</h1>" in response.content


def test_an_edition_without_a_summary_has_no_summary_page(client):
    edition = EditionFactory()
    assert client.get(f"/editions/{edition.slug}/summary/").status_code == 404


def test_the_canonical_link_uses_the_configured_site_address_not_the_host_header(client, settings):
    settings.SITE_URL = "https://clustersmeetregions.example.eu"
    settings.ALLOWED_HOSTS = ["evil.example"]
    edition = EditionFactory()
    html = client.get(edition.get_absolute_url(), HTTP_HOST="evil.example").content.decode()
    assert (
        f'<link rel="canonical" href="https://clustersmeetregions.example.eu/editions/{edition.slug}/">'
        in html
    )


def test_pages_have_meaningful_titles(client, archive):
    titles = {
        "/": "Upcoming editions",
        "/editions/": "Past editions",
        "/editions/krakow-2023/": "Clusters meet Regions: Kraków",
        "/series/clusters-meet-regions/": "Clusters meet Regions",
    }
    for url, title in titles.items():
        assert f"<title>{title} · Clusters meet Regions</title>" in client.get(url).content.decode(), url


def test_after_the_event_the_page_leads_with_the_summary_and_points_ahead(client, at):
    at(2025, 3, 1, 12, 0)
    past = EditionFactory(start_date=datetime.date(2024, 11, 27), title="Charleroi")
    summary = Summary.objects.create(edition=past, body="We met **130** people.", participants=130)
    summary.countries = 21
    summary.save()
    Recording.objects.create(summary=summary, title="Opening session", url="https://example.org/video")
    EditionFactory(start_date=datetime.date(2025, 5, 6), title="The next one", slug="next-one")
    html = client.get(past.get_absolute_url()).content.decode()
    lead = html.index('id="after-the-event"')
    assert lead < html.index('class="edition-layout"')
    assert "130" in html and "21" in html and "Opening session" in html
    assert 'The next edition: <a href="/editions/next-one/">The next one</a>' in html


def test_before_the_event_there_is_no_summary_block(client, at):
    at(2024, 11, 1, 12, 0)
    upcoming = EditionFactory(start_date=datetime.date(2024, 11, 27))
    Summary.objects.create(edition=upcoming, body="Written early.")
    assert 'id="after-the-event"' not in client.get(upcoming.get_absolute_url()).content.decode()


def test_the_calendar_help_page_does_not_link_to_itself_but_other_subscribe_boxes_do(client, archive):
    help_page = client.get("/calendar/").content.decode()
    main = help_page.split("<main")[1].split("</main>")[0]  # the footer links every page's feeds
    assert "Calendar app (webcal)" in main and 'href="/calendar/"' not in main
    assert "How subscribing works" in client.get("/editions/charleroi-2024/").content.decode()
