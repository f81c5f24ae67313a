"""The "Host an edition" page (hosting/): the seeds' words, open calls, past calls and their cut-offs."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from common.timezones import zone
from hosting import calls
from hosting.models import CutOff, HostingPage
from tests.adminforms import form_data
from tests.factories import CallForHostsFactory

pytestmark = pytest.mark.django_db
BRUSSELS = zone("Europe/Brussels")


def test_the_main_navigation_leads_to_the_host_an_edition_page(client):
    home = client.get("/").content.decode()
    assert '<a href="/host/">Host an edition</a>' in home
    page = client.get("/host/").content.decode()
    assert '<a href="/host/" aria-current="page">Host an edition</a>' in page


def test_the_page_gives_the_seeds_words_on_hosting_as_the_organisers_own_not_as_quotations(client):
    html = client.get("/host/").content.decode()
    assert "with the aim of strengthening the industrial ecosystem in a selected host region." in html
    assert (
        "The latest call addressed local and regional authorities, innovation agencies, cluster\n"
        "organisations, business network organisations, and other small and medium-sized enterprise (SME)\n"
        "intermediaries."
    ) in html
    page_text = html.split("<h1>")[1].split('id="open-calls"')[0]
    assert "“" not in page_text and "”" not in page_text
    assert "<h2>Who may apply</h2>" in html  # rendered, not escaped


def test_an_organiser_rewrites_the_page_in_the_admin_and_the_page_follows(client, admin_client):
    data = form_data(admin_client.get("/admin/hosting/hostingpage/add/"))
    assert "selected host region" in data["body"]
    data.update(body="Hosting means **a room** and a welcome.")
    assert admin_client.post("/admin/hosting/hostingpage/add/", data).status_code == 302
    assert "<strong>a room</strong>" in client.get("/host/").content.decode()
    # One page only: the site would never show a second.
    assert admin_client.get("/admin/hosting/hostingpage/add/").status_code == 403
    assert HostingPage.objects.count() == 1


def test_the_archives_two_calls_are_past_with_the_2022_deadline_in_its_zone(client, archive):
    html = client.get("/host/").content.decode()
    past = html.split('id="past-calls"')[1]
    assert "Call of Expression of Interest" in past
    assert "A new call for applications to host upcoming &#x27;Clusters meet Regions&#x27; events" in past
    assert '<time datetime="2022-07-29T16:00:00+00:00">29 July 2022, 18:00 CEST</time>' in past
    assert "For 2024–2025" in past
    # Newest first, as on the series page: the call known by its period, then the 2022 call.
    assert past.index("A new call for applications") < past.index("Call of Expression of Interest")
    assert "As published in July 2022, while the call was open:" in past
    # The 2024 call's own words say it "is open now": each past call is marked closed beside them.
    assert past.count('<span class="badge badge-closed">Closed</span>') == 2
    assert "No call for hosts is open at the moment" in html


def test_an_open_call_lists_each_cut_off_in_its_own_zone_then_its_deadline(client, at):
    at(2026, 3, 1, 12, 0)
    call = CallForHostsFactory(
        title="Call for 2027",
        deadline=datetime.datetime(2026, 11, 30, 18, 0, tzinfo=BRUSSELS),
    )
    CutOff.objects.create(
        call=call, label="First deadline", at=datetime.datetime(2026, 7, 29, 18, 0, tzinfo=BRUSSELS)
    )
    CutOff.objects.create(
        call=call,
        label="Second deadline",
        at=datetime.datetime(2026, 9, 30, 12, 0, tzinfo=zone("Europe/Helsinki")),
        time_zone="Europe/Helsinki",
    )
    html = client.get("/host/").content.decode()
    opened = html.split('id="open-calls"')[1].split('id="past-calls"')[0]
    assert "Call for 2027" in opened
    order = [
        opened.index(text)
        for text in (
            "First deadline</dt>",
            "29 July 2026, 18:00 CEST",
            "Second deadline</dt>",
            "30 September 2026, 12:00 EEST",
            "Final deadline</dt>",
            "30 November 2026, 18:00 CET",
        )
    ]
    assert order == sorted(order)
    assert calls.last_cut_off(call) == call.deadline


def test_a_call_past_its_deadline_moves_from_open_to_past(client, at):
    call = CallForHostsFactory(deadline=datetime.datetime(2026, 7, 29, 18, 0, tzinfo=BRUSSELS))
    at(2026, 7, 29, 17, 59)
    assert list(calls.open_calls()) == [call] and not calls.past_calls()
    at(2026, 7, 29, 18, 0)
    assert not calls.open_calls() and list(calls.past_calls()) == [call]


def test_the_series_page_marks_each_call_open_or_closed_as_the_host_page_does(client, archive, at):
    at(2026, 11, 23, 12, 0)
    past = list(calls.past_calls())
    call = CallForHostsFactory(
        series=past[0].series, deadline=datetime.datetime(2027, 1, 22, 18, 0, tzinfo=BRUSSELS)
    )
    html = client.get(past[0].series.get_absolute_url()).content.decode()
    calls_section = html.split('id="series-calls"')[1]
    assert calls_section.count('<span class="badge badge-closed">Closed</span>') == len(past) == 2
    assert calls_section.count('<span class="badge badge-open">Open</span>') == 1
    assert f'href="/host/calls/{call.pk}/apply/"' in calls_section
    at(2027, 1, 22, 18, 0)
    html = client.get(past[0].series.get_absolute_url() + "?later").content.decode()
    assert html.split('id="series-calls"')[1].count("Closed</span>") == 3


def test_a_cut_off_after_the_calls_deadline_is_refused_with_a_reason():
    call = CallForHostsFactory(deadline=datetime.datetime(2026, 7, 29, 18, 0, tzinfo=BRUSSELS))
    late = CutOff(call=call, label="Late", at=datetime.datetime(2026, 8, 1, tzinfo=BRUSSELS))
    with pytest.raises(ValidationError, match="after the call's deadline"):
        late.full_clean()


def test_the_page_lists_calls_in_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for n in range(5):
        call = CallForHostsFactory(title=f"Call {n}", period=f"{2010 + n}")
        CutOff.objects.create(
            call=call, label="Deadline", at=datetime.datetime(2010 + n, 6, 1, tzinfo=BRUSSELS)
        )
    with django_assert_max_num_queries(8):
        assert client.get("/host/").status_code == 200


def test_a_new_cut_off_renews_the_cached_page(client, at):
    at(2026, 3, 1, 12, 0)
    call = CallForHostsFactory(deadline=datetime.datetime(2026, 11, 30, 18, 0, tzinfo=BRUSSELS))
    assert client.get("/host/")["X-Cache"] == "miss"
    assert client.get("/host/")["X-Cache"] == "hit"
    CutOff.objects.create(
        call=call, label="First deadline", at=datetime.datetime(2026, 7, 29, tzinfo=BRUSSELS)
    )
    renewed = client.get("/host/")
    assert renewed["X-Cache"] == "miss" and "First deadline" in renewed.content.decode()
