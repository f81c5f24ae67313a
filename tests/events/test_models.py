import datetime
from datetime import UTC

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction

from common.timezones import zone
from events.models import CallForHosts, Edition
from tests.factories import CallForHostsFactory, EditionFactory, png_upload

pytestmark = pytest.mark.django_db


def test_the_database_refuses_an_end_date_before_the_start_date():
    with pytest.raises(IntegrityError), transaction.atomic():
        EditionFactory(start_date=datetime.date(2024, 11, 28), end_date=datetime.date(2024, 11, 27))


def test_clean_explains_an_end_date_before_the_start_date():
    edition = EditionFactory.build(
        start_date=datetime.date(2024, 11, 28), end_date=datetime.date(2024, 11, 27)
    )
    with pytest.raises(ValidationError) as error:
        edition.full_clean(exclude=["series"])
    assert "end_date" in error.value.message_dict


def test_the_database_refuses_a_one_day_event_ending_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        EditionFactory(
            start_date=datetime.date(2024, 4, 24),
            end_date=datetime.date(2024, 4, 24),
            start_time=datetime.time(9, 45),
            end_time=datetime.time(8, 30),
        )


def test_a_multi_day_event_may_end_earlier_in_the_day_than_it_started():
    edition = EditionFactory(start_time=datetime.time(14, 0), end_time=datetime.time(12, 0))
    assert edition.end_date > edition.start_date


def test_the_database_refuses_an_unknown_status():
    with pytest.raises(IntegrityError), transaction.atomic():
        EditionFactory(status="archived")


def test_the_database_refuses_a_hero_image_without_alt_text(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(IntegrityError), transaction.atomic():
        EditionFactory(hero_image=png_upload(), hero_image_alt="")


def test_slugs_are_unique():
    EditionFactory(slug="krakow-2023")
    with pytest.raises(IntegrityError), transaction.atomic():
        EditionFactory(slug="krakow-2023")


def test_clean_refuses_an_unknown_time_zone_and_a_deadline_after_the_event():
    edition = EditionFactory.build(timezone="Europe/Atlantis")
    with pytest.raises(ValidationError) as error:
        edition.full_clean(exclude=["series"])
    assert "timezone" in error.value.message_dict

    edition = EditionFactory.build(registration_deadline=datetime.datetime(2024, 12, 1, tzinfo=UTC))
    with pytest.raises(ValidationError) as error:
        edition.full_clean(exclude=["series"])
    assert "registration_deadline" in error.value.message_dict


def test_charleroi_is_upcoming_until_28_november_is_over_in_brussels(at):
    charleroi = EditionFactory(end_date=datetime.date(2024, 11, 28), timezone="Europe/Brussels")

    at(2024, 11, 28, 23, 59)
    assert list(Edition.objects.upcoming()) == [charleroi]
    assert not charleroi.is_over()

    # Midnight in Brussels is still 28 November in UTC: the venue's zone decides.
    at(2024, 11, 29, 0, 0)
    assert list(Edition.objects.past()) == [charleroi]
    assert not Edition.objects.upcoming().exists()
    assert charleroi.is_over()


def test_both_upcoming_and_past_count_the_last_day_as_upcoming(at):
    edition = EditionFactory(start_date=datetime.date(2024, 11, 28), end_date=datetime.date(2024, 11, 28))
    at(2024, 11, 28, 0, 0)
    assert list(Edition.objects.upcoming()) == [edition]
    assert not Edition.objects.past().exists()


def test_an_edition_far_east_is_over_while_one_in_brussels_ending_the_same_day_is_not(at):
    auckland = EditionFactory(end_date=datetime.date(2024, 11, 28), timezone="Pacific/Auckland")
    brussels = EditionFactory(end_date=datetime.date(2024, 11, 28), timezone="Europe/Brussels")
    at(2024, 11, 28, 12, 0, zone_name="UTC")  # already 29 November in Auckland
    assert list(Edition.objects.past()) == [auckland]
    assert list(Edition.objects.upcoming()) == [brussels]


def test_an_edition_far_west_is_upcoming_after_the_utc_date_has_moved_on(at):
    honolulu = EditionFactory(end_date=datetime.date(2024, 11, 28), timezone="Pacific/Honolulu")
    brussels = EditionFactory(end_date=datetime.date(2024, 11, 28), timezone="Europe/Brussels")
    at(2024, 11, 29, 5, 0, zone_name="UTC")  # still 28 November in Honolulu
    assert list(Edition.objects.upcoming()) == [honolulu]
    assert list(Edition.objects.past()) == [brussels]


def test_the_server_time_zone_does_not_move_the_boundary(at, settings):
    settings.TIME_ZONE = "Pacific/Kiritimati"
    edition = EditionFactory(end_date=datetime.date(2024, 11, 28), timezone="Europe/Brussels")
    at(2024, 11, 28, 22, 0)  # Kiritimati is already on 29 November
    assert list(Edition.objects.upcoming()) == [edition]


ZONES = [
    "Europe/Brussels",
    "Europe/Helsinki",
    "Europe/Lisbon",
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
    "Asia/Kathmandu",
    "Australia/Eucla",
    "America/St_Johns",
    "UTC",
]


def test_the_database_agrees_with_the_edition_about_being_over_at_every_quarter_hour(time_machine):
    editions = [
        EditionFactory(end_date=datetime.date(2024, 11, 27) + datetime.timedelta(days=d), timezone=name)
        for name in ZONES
        for d in range(3)
    ]
    start = datetime.datetime(2024, 11, 27, 0, 0, tzinfo=UTC)
    for quarter in range(0, 3 * 24 * 4, 3):  # every 45 minutes over three days
        now = start + datetime.timedelta(minutes=15 * quarter)
        time_machine.move_to(now, tick=False)
        upcoming = set(Edition.objects.upcoming().values_list("pk", flat=True))
        past = set(Edition.objects.past().values_list("pk", flat=True))
        expected_past = {e.pk for e in editions if now.astimezone(zone(e.timezone)).date() > e.end_date}
        assert past == expected_past, now
        assert upcoming == {e.pk for e in editions} - expected_past, now


def test_a_timed_edition_is_over_at_its_end_time_in_its_own_zone(at):
    talk = EditionFactory(
        start_date=datetime.date(2024, 4, 24),
        end_date=datetime.date(2024, 4, 24),
        start_time=datetime.time(8, 30),
        end_time=datetime.time(9, 45),
        timezone="Europe/Brussels",
    )
    at(2024, 4, 24, 9, 44)
    assert list(Edition.objects.upcoming()) == [talk] and not talk.is_over()
    at(2024, 4, 24, 9, 45)
    assert list(Edition.objects.past()) == [talk] and talk.is_over()


def test_upcoming_sends_the_database_one_comparison_and_no_zone_names(django_assert_num_queries):
    with django_assert_num_queries(1) as captured:
        list(Edition.objects.published().upcoming())
    sql = captured.captured_queries[0]["sql"]
    assert '"ends_at" >' in sql and "Europe/" not in sql and " IN (" not in sql


def test_the_end_instant_follows_every_save_including_one_with_update_fields():
    edition = EditionFactory(end_date=datetime.date(2024, 11, 28), timezone="Europe/Brussels")
    assert edition.ends_at == datetime.datetime(2024, 11, 28, 23, 0, tzinfo=UTC)
    edition.timezone = "Asia/Kathmandu"
    edition.save(update_fields=["timezone"])
    edition.refresh_from_db()
    assert edition.ends_at == datetime.datetime(2024, 11, 28, 18, 15, tzinfo=UTC)


def test_recompute_instants_repairs_stale_end_instants_and_says_how_many(capsys):
    right = EditionFactory(end_date=datetime.date(2024, 11, 28))
    stale = EditionFactory(end_date=datetime.date(2024, 11, 28), slug="stale")
    # As if tzdata had moved the zone's offset since the row was saved.
    Edition.objects.filter(pk=stale.pk).update(ends_at=datetime.datetime(2024, 11, 28, 22, 0, tzinfo=UTC))
    call_command("recompute_instants")
    assert "1 of 2 editions had a stale end instant." in capsys.readouterr().out
    assert Edition.objects.get(pk=stale.pk).ends_at == right.ends_at


def test_published_hides_drafts_but_keeps_postponed_and_cancelled_editions():
    visible = {
        EditionFactory(status=status).status
        for status in (Edition.Status.PUBLISHED, Edition.Status.POSTPONED, Edition.Status.CANCELLED)
    }
    EditionFactory(status=Edition.Status.DRAFT)
    assert set(Edition.objects.published().values_list("status", flat=True)) == visible


def test_registration_is_open_until_the_deadline(at):
    edition = EditionFactory(
        registration_url="https://example.org/register",
        registration_deadline=datetime.datetime(2024, 11, 20, 18, 0, tzinfo=zone("Europe/Brussels")),
    )
    at(2024, 11, 20, 17, 59)
    assert edition.registration_is_open()
    at(2024, 11, 20, 18, 0)
    assert not edition.registration_is_open()


def test_registration_is_closed_for_a_cancelled_edition(at):
    at(2024, 11, 1, 12, 0)
    edition = EditionFactory(registration_url="https://example.org/register", status=Edition.Status.CANCELLED)
    assert not edition.registration_is_open()


def test_a_call_for_hosts_is_open_between_its_opening_and_its_deadline(at):
    call = CallForHostsFactory(
        opens_at=datetime.datetime(2022, 6, 1, tzinfo=UTC),
        deadline=datetime.datetime(2022, 7, 29, 18, 0, tzinfo=zone("Europe/Brussels")),
    )
    at(2022, 5, 31, 12, 0)
    assert not CallForHosts.objects.open().exists()
    at(2022, 7, 29, 17, 59)
    assert list(CallForHosts.objects.open()) == [call]
    at(2022, 7, 29, 18, 0)
    assert not CallForHosts.objects.open().exists()
