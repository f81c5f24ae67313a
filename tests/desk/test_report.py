"""The organisers' report (desk/report.py, desk/report_views.py): its figures equal a hand count on
factory data; a host team sees its own edition only, whatever period or series it asks for; every
table as CSV; a period or series the report cannot use is a form error (400), never a 500; the
same few queries whatever the number of editions."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from desk import report
from events.roles import HOST_TEAMS, ORGANISERS
from tests.factories import (
    AttendanceFactory,
    EditionFactory,
    RegistrationFactory,
    ResponseFactory,
    SeriesFactory,
    SurveyFactory,
)

pytestmark = pytest.mark.django_db

URL = "/admin/report/"
NOW = datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _now(time_machine):
    time_machine.move_to(NOW, tick=False)


def staff(username, group):
    user = User.objects.create_user(username, password="a-long-test-passphrase", is_staff=True)  # noqa: S106
    user.groups.add(Group.objects.get(name=group))
    return user


def registrants(edition, *specs):
    """One registration per spec: (status, country, kind, days checked in, rating or None)."""
    made = []
    for status, country, kind, days, rating in specs:
        person = RegistrationFactory(edition=edition, status=status, country=country, kind=kind)
        for day in edition.days[:days]:
            AttendanceFactory(registration=person, day=day)
        if rating:
            survey = getattr(edition, "survey", None) or SurveyFactory(edition=edition)
            ResponseFactory(registration=person, survey=survey, rating=rating)
        made.append(person)
    return made


@pytest.fixture
def data():
    """Two past editions of the main series, one of another series, one to come, one cancelled."""
    main, other = SeriesFactory(), SeriesFactory(name="Cluster talks", slug="cluster-talks")
    lyon = EditionFactory(title="Lyon", series=main, start_date=datetime.date(2026, 3, 10))
    riga = EditionFactory(title="Riga", series=main, start_date=datetime.date(2025, 5, 6), country="LV")
    talk = EditionFactory(title="Talk", series=other, start_date=datetime.date(2026, 2, 2), country="PL")
    later = EditionFactory(title="Later", series=main, start_date=datetime.date(2026, 9, 9))
    EditionFactory(title="Off", series=main, start_date=datetime.date(2026, 1, 5), status="cancelled")
    registrants(
        lyon,
        ("approved", "FR", "cluster", 2, 5),  # both days: one participant
        ("approved", "FR", "public_authority", 1, 3),
        ("approved", "BE", "cluster", 0, None),  # a no-show
        ("declined", "DE", "company", 0, None),
        ("cancelled", "FR", "cluster", 0, None),
    )
    registrants(
        riga,
        ("approved", "LV", "agency", 1, 4),
        ("approved", "LT", "cluster", 0, None),
        ("approved", "US", "company", 1, None),  # off the map of Europe
        ("waiting", "LV", "cluster", 0, None),
    )
    registrants(talk, ("approved", "PL", "cluster", 1, 2))
    registrants(later, ("approved", "FR", "cluster", 0, None), ("pending", "IT", "other", 0, None))
    return {"lyon": lyon, "riga": riga, "talk": talk, "later": later, "main": main}


def test_the_figures_equal_a_hand_count(data):
    figures = report.build(report.scope(staff("olga", ORGANISERS)), now=NOW)
    # Lyon, Riga, Talk are over; Later is to come and Off was cancelled.
    assert figures.editions_held == 3
    assert figures.registrations == 12
    assert figures.by_status.rows == [
        ["Pending approval", 1],
        ["Approved", 8],
        ["On the waiting list", 1],
        ["Declined", 1],
        ["Cancelled", 1],
    ]
    # Approved of past editions: Riga 3 (2 came), Talk 1 (came), Lyon 3 (2 came); Later is not over.
    assert figures.attendance.rows == [
        ["Riga", datetime.date(2025, 5, 6), 3, 2, 1, 33.3],
        ["Talk", datetime.date(2026, 2, 2), 1, 1, 0, 0.0],
        ["Lyon", datetime.date(2026, 3, 10), 3, 2, 1, 33.3],
    ]
    assert (figures.approved_past, figures.no_shows) == (7, 2)
    assert figures.participants == 5
    assert figures.by_country.rows == [
        ["France", "FR", 2],
        ["Latvia", "LV", 1],
        ["Poland", "PL", 1],
        ["United States of America", "US", 1],
    ]
    assert figures.by_kind.rows == [
        ["Cluster organisation", 2],
        ["Agency", 1],
        ["Company", 1],
        ["Public authority", 1],
    ]
    assert figures.satisfaction.rows == [
        ["Riga", datetime.date(2025, 5, 6), 1, 4],
        ["Talk", datetime.date(2026, 2, 2), 1, 2],
        ["Lyon", datetime.date(2026, 3, 10), 2, 4],
    ]


def test_a_period_and_a_series_narrow_the_report(data, client):
    client.force_login(staff("olga", ORGANISERS))
    page = client.get(URL, {"start": "2026-01-01", "end": "2026-12-31", "series": data["main"].pk})
    figures = page.context["report"]
    assert [row[0] for row in figures.attendance.rows] == ["Lyon"]
    assert figures.registrations == 7  # Lyon's five and Later's two


def test_the_page_shows_each_chart_beside_its_table_with_its_csv_link(data, client):
    client.force_login(staff("olga", ORGANISERS))
    page = client.get(URL)
    html = page.content.decode()
    assert page.status_code == 200
    for slug in report.TABLE_SLUGS:
        assert f'href="/admin/report/{slug}.csv"' in html
    assert html.count('<svg class="bar-chart"') == 4
    assert html.count('<figure class="report-map">') == 1
    assert 'class="shade-5"' in html  # France, the most participants, in the darkest shade
    assert "1 participant from countries beyond the map is counted in the table." in html
    assert "2 of 7 approved registrants of past editions never checked in" in html


def test_the_admin_index_links_to_the_report(client):
    client.force_login(staff("olga", ORGANISERS))
    assert 'href="/admin/report/"' in client.get("/admin/").content.decode()


def test_a_host_team_sees_only_its_own_edition_whatever_it_asks_for(data, client):
    member = staff("tom", HOST_TEAMS)
    data["riga"].team.add(member)
    client.force_login(member)
    for query in ({}, {"series": data["main"].pk}, {"start": "2020-01-01", "end": "2030-01-01"}):
        figures = client.get(URL, query).context["report"]
        assert [row[0] for row in figures.attendance.rows] == ["Riga"]
        assert figures.registrations == 4
        assert {row[1] for row in figures.by_country.rows} == {"LV", "US"}
    # Another series holds none of its editions: nothing at all.
    other = client.get(URL, {"series": data["talk"].series.pk}).context["report"]
    assert (other.registrations, other.participants, other.editions_held) == (0, 0, 0)
    body = client.get(f"{URL}participants-by-country.csv", {"series": data["main"].pk}).content.decode()
    assert "France" not in body and "Latvia" in body


def test_every_table_downloads_as_csv(data, client):
    client.force_login(staff("olga", ORGANISERS))
    expected = {
        "registrations-by-status": ["Status", "Registrations"],
        "attendance": ["Edition", "Date", "Approved", "Checked in", "No-shows", "No-show rate (%)"],
        "participants-by-country": ["Country", "Code", "Participants"],
        "participants-by-kind": ["Kind of organisation", "Participants"],
        "satisfaction": ["Edition", "Date", "Responses", "Average rating"],
    }
    for slug, heading in expected.items():
        response = client.get(f"{URL}{slug}.csv")
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert f'filename="report-{slug}.csv"' in response["Content-Disposition"]
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert rows[0] == heading
    rows = list(csv.reader(io.StringIO(client.get(f"{URL}attendance.csv").content.decode("utf-8-sig"))))
    assert rows[1:] == [
        ["Riga", "2025-05-06", "3", "2", "1", "33.3"],
        ["Talk", "2026-02-02", "1", "1", "0", "0.0"],
        ["Lyon", "2026-03-10", "3", "2", "1", "33.3"],
    ]
    assert client.get(f"{URL}nothing.csv").status_code == 404


def test_a_title_that_reads_as_a_formula_is_text_in_the_csv(client):
    RegistrationFactory(edition__title="=HYPERLINK(1)")
    client.force_login(staff("olga", ORGANISERS))
    body = client.get(f"{URL}attendance.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in body


@pytest.mark.parametrize(
    "query",
    [
        "start=yesterday",
        "end=2026-02-30",
        "start=2026-05-01&end=2026-04-01",
        "series=x",
        "series=999999",
        "start=99999999-01-01",
    ],
)
def test_a_query_the_report_cannot_use_is_a_form_error_not_a_500(client, query):
    client.force_login(staff("olga", ORGANISERS))
    page = client.get(f"{URL}?{query}")
    assert page.status_code == 400
    assert 'class="errorlist"' in page.content.decode()
    assert client.get(f"{URL}attendance.csv?{query}").status_code == 400


def test_a_nul_in_the_query_string_is_the_admins_400(client):
    client.force_login(staff("olga", ORGANISERS))
    assert client.get(f"{URL}?series=1%00").status_code == 400


def test_the_report_is_for_staff_only(client, data):
    assert client.get(URL).status_code == 302
    assert client.get(f"{URL}attendance.csv").status_code == 302


def test_the_report_asks_the_same_queries_for_one_edition_or_many(client):
    client.force_login(staff("olga", ORGANISERS))
    registrants(EditionFactory(start_date=datetime.date(2025, 1, 1)), ("approved", "FR", "cluster", 1, 4))

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    few = queries()
    for n in range(6):
        edition = EditionFactory(start_date=datetime.date(2025, 2, n + 1), country="DE")
        registrants(edition, ("approved", "DE", "agency", 1, 5), ("approved", "IT", "cluster", 0, None))
    assert queries() == few
    # The admin's own (session, user, permissions, the site's context), the series to choose from,
    # and the report's five queries.
    assert few == 14
    editions = report.scope(User.objects.get(username="olga"))
    with CaptureQueriesContext(connection) as captured:
        report.build(editions)
    assert len(captured) == 5


def test_a_long_table_by_edition_shows_the_latest_on_the_page_and_all_in_its_csv(data, client, monkeypatch):
    monkeypatch.setattr(report, "PAGE_ROWS", 2)
    client.force_login(staff("olga", ORGANISERS))
    page = client.get(URL)
    assert [row[0] for row in page.context["report"].attendance.page_rows] == ["Talk", "Lyon"]
    assert "The 2 most recent editions; the CSV holds all 3." in page.content.decode()
    assert "Riga" in client.get(f"{URL}attendance.csv").content.decode()
