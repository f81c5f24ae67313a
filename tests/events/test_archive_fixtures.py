"""The real archive, transcribed from ../shared/seeds/, as make run loads it."""

import datetime
from datetime import UTC

import pytest

from events.models import CallForHosts, Edition, Summary

pytestmark = pytest.mark.usefixtures("archive")


def test_the_archive_holds_the_fifteen_earlier_editions_and_charleroi():
    cmr = Edition.objects.filter(series__slug="clusters-meet-regions")
    assert cmr.count() == 16
    assert set(cmr.values_list("slug", flat=True)) >= {
        "malaga-2022",
        "krakow-2023",
        "milan-2024",
        "charleroi-2024",
    }


def test_summaries_exist_exactly_where_the_series_page_links_one():
    without = set(
        Edition.objects.filter(series__slug="clusters-meet-regions", summary__isnull=True).values_list(
            "city", flat=True
        )
    )
    assert without == {"Katowice", "Vilnius", "Charleroi"}
    assert Summary.objects.count() == 13


def test_place_names_come_through_with_their_own_letters():
    places = set(Edition.objects.values_list("city", flat=True)) | set(
        Edition.objects.values_list("region", flat=True)
    )
    assert {"Kraków", "Iași", "Kittilä", "Skåne", "Düsseldorf", "Málaga", "Košice"} <= places


def test_krakow_took_place_on_11_and_12_december_2023():
    krakow = Edition.objects.get(slug="krakow-2023")
    assert (krakow.start_date, krakow.end_date) == (datetime.date(2023, 12, 11), datetime.date(2023, 12, 12))
    assert krakow.country.code == "PL"
    assert krakow.timezone == "Europe/Warsaw"


def test_charleroi_carries_what_its_event_page_says():
    charleroi = Edition.objects.get(slug="charleroi-2024")
    assert charleroi.teaser == "A successful transition from an old to a high-tech industry."
    assert (charleroi.start_date, charleroi.end_date) == (
        datetime.date(2024, 11, 27),
        datetime.date(2024, 11, 28),
    )
    assert (charleroi.city, charleroi.region, charleroi.postal_code) == ("Charleroi", "Wallonia", "6010")
    assert {t.name for t in charleroi.themes.all()} == {
        "Life Sciences",
        "Cleantech",
        "Advanced Manufacturing",
    }
    partners = {(p.partner.name, p.role) for p in charleroi.partnerships.all()}
    assert partners == {
        ("European Cluster Collaboration Platform", "organiser"),
        ("IGRETEC Charleroi", "partner"),
        ("European Association of Development Agencies (EURADA)", "partner"),
    }
    assert "around 100 representatives" in charleroi.expected_audience
    assert charleroi.venue_url == ""  # the seed does not give it


def test_the_clusters_talk_is_online_from_0830_to_0945_brussels_time():
    talk = Edition.objects.get(series__slug="eu-clusters-talks")
    assert talk.format == "online"
    assert talk.local_start == datetime.datetime(2024, 4, 24, 8, 30, tzinfo=talk.tz)
    assert talk.local_start.astimezone(UTC).time() == datetime.time(6, 30)
    assert talk.registration_deadline == datetime.datetime(2024, 4, 24, 7, 30, tzinfo=talk.tz)
    assert "SMP/COSME" in talk.eligibility
    assert [s.speaker.name for s in talk.edition_speakers.all()] == [
        "Marek Przeor",
        "Erasmia Dupenloup",
        "Giovanni Scaramuzzo",
        "Montse Daban",
        "Thomas Röhr",
    ]


def test_the_ire_workshop_and_the_annual_conference_are_there():
    ire = Edition.objects.get(series__slug="ire-workshops")
    assert (ire.city, ire.start_date) == ("Brussels", datetime.date(2006, 5, 30))
    assert "Nathalie Brahim" in ire.contact_name
    conference = Edition.objects.get(series__slug="eccp-annual-conference")
    assert (conference.city, conference.start_date) == ("Prague", datetime.date(2022, 9, 26))


def test_the_call_for_hosts_closed_on_29_july_2022_at_1800_cest():
    call = CallForHosts.objects.get(deadline__isnull=False)
    assert call.deadline == datetime.datetime(2022, 7, 29, 16, 0, tzinfo=UTC)


def test_every_real_edition_is_published_and_over_once_charleroi_is(at):
    at(2024, 11, 29, 0, 0)
    assert not Edition.objects.filter(status="draft").exists()
    assert Edition.objects.past().count() == Edition.objects.count() == 19


def test_the_archive_stores_what_saving_each_row_would_derive():
    """fixtures/ carries derived fields (loaddata skips save()): they must be what save() computes."""
    for edition in Edition.objects.all():
        assert edition.ends_at == edition.local_end, edition.slug
    for model in (Edition, Summary, CallForHosts):
        for row in model.objects.all():
            stored = {
                f.attname: getattr(row, f.attname) for f in model._meta.fields if f.attname.endswith("_html")
            }
            row.save()
            row.refresh_from_db()
            assert stored == {name: getattr(row, name) for name in stored}, row
