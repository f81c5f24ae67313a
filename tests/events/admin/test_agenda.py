"""Big editions in the admin: the agenda has its own admin, the Edition form a summary."""

import datetime
import time
import uuid

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.models import AgendaItem, Edition, Theme
from tests.adminforms import form_data
from tests.factories import EditionFactory, HostFactory, PartnerFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

START = datetime.date(2024, 11, 27)


def edition_with_agenda(sessions, **fields):
    """An edition over two days with `sessions` agenda items, made in one INSERT."""
    edition = EditionFactory(start_date=START, end_date=START + datetime.timedelta(days=1), **fields)
    AgendaItem.objects.bulk_create(
        AgendaItem(
            uid=uuid.uuid4(),
            edition=edition,
            day=START + datetime.timedelta(days=n % 2),
            start_time=datetime.time(8 + n % 10, n % 60),
            title=f"Session {n:03}",
            description="A talk, then questions.",
        )
        for n in range(sessions)
    )
    return edition


def change_url(edition):
    return reverse("admin:events_edition_change", args=[edition.pk])


def agenda_list_url(edition):
    return reverse("admin:events_agendaitem_changelist") + f"?edition__id__exact={edition.pk}"


def test_an_edition_of_300_sessions_opens_fast_and_small_and_links_to_its_agenda(admin_client):
    edition = edition_with_agenda(300)
    admin_client.get(change_url(EditionFactory()))  # warm: templates, content types, session

    began = time.perf_counter()
    response = admin_client.get(change_url(edition))
    elapsed = time.perf_counter() - began

    size = len(response.content)
    print(f"\nEdition change form, 300 sessions: {elapsed * 1000:.0f} ms, {size / 1024:.0f} KB")  # noqa: T201
    assert response.status_code == 200
    assert elapsed < 2
    assert size < 300 * 1024
    page = response.content.decode()
    assert "Edit the agenda (300 sessions)" in page
    assert agenda_list_url(edition).replace("&", "&amp;") in page
    assert reverse("admin:events_agendaitem_add") + f"?edition={edition.pk}" in page
    # The summary names the first and the last sessions, not all of them.
    assert "Session 000" in page and "Session 299" in page and "Session 150" not in page
    assert "agenda_items-TOTAL_FORMS" not in page


def test_saving_an_edition_of_300_sessions_keeps_them_all(admin_client):
    edition = edition_with_agenda(300, title="Before")
    data = form_data(admin_client.get(change_url(edition)))
    data["title"] = "After"

    response = admin_client.post(change_url(edition), data)

    assert response.status_code == 302
    assert Edition.objects.get(pk=edition.pk).title == "After"
    assert edition.agenda_items.count() == 300


def test_the_edition_form_asks_the_same_number_of_queries_for_10_and_300_sessions(admin_client):
    small, big = edition_with_agenda(10), edition_with_agenda(300)
    admin_client.get(change_url(EditionFactory()))
    counts = []
    for edition in (small, big):
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(change_url(edition)).status_code == 200
        counts.append(len(queries))
    print(f"\nEdition change form queries: {counts[0]} with 10 sessions, {counts[1]} with 300")  # noqa: T201
    assert counts[0] == counts[1]


def test_the_agenda_admin_lists_one_editions_sessions_in_pages(admin_client):
    edition = edition_with_agenda(300)
    edition_with_agenda(5)  # another edition's sessions stay out of the list

    first = admin_client.get(agenda_list_url(edition))

    changelist = first.context["cl"]
    assert changelist.result_count == 300
    assert len(changelist.result_list) == changelist.list_per_page < 300
    times = [(item.day, item.start_time) for item in changelist.result_list]
    assert times == sorted(times) and times[0] == (START, datetime.time(8))
    pages = -(-300 // changelist.list_per_page)
    last = admin_client.get(agenda_list_url(edition) + f"&p={pages}").context["cl"]
    assert {item.edition_id for item in last.result_list} == {edition.pk}
    assert 0 < len(last.result_list) <= changelist.list_per_page


def test_the_agenda_list_asks_the_same_number_of_queries_for_any_page_size(admin_client):
    small, big = edition_with_agenda(10), edition_with_agenda(300)
    admin_client.get(agenda_list_url(EditionFactory()))
    counts = []
    for edition in (small, big):
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(agenda_list_url(edition)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def session_form(edition, **changes):
    return {
        "edition": edition.pk,
        "day": edition.start_date.isoformat(),
        "start_time": "09:30",
        "end_time": "",
        "title": "Welcome by the host region",
        "description": "",
        **changes,
    }


def test_add_a_session_starts_on_the_editions_first_day_and_returns_to_its_agenda(admin_client):
    edition = edition_with_agenda(3)
    add_url = reverse("admin:events_agendaitem_add") + f"?edition={edition.pk}"
    initial = admin_client.get(add_url).context["adminform"].form.initial
    assert initial["edition"] == str(edition.pk) and initial["day"] == edition.start_date

    response = admin_client.post(add_url, session_form(edition))

    assert response.status_code == 302 and response["Location"] == agenda_list_url(edition)
    assert edition.agenda_items.filter(title="Welcome by the host region").exists()


def test_a_session_outside_the_editions_dates_is_a_form_error(admin_client):
    edition = edition_with_agenda(1)
    url = reverse("admin:events_agendaitem_add")
    after = (edition.end_date + datetime.timedelta(days=1)).isoformat()

    response = admin_client.post(url, session_form(edition, day=after))

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["day"] == ["The day must fall within the edition's dates."]
    ends_first = admin_client.post(url, session_form(edition, start_time="10:00", end_time="09:00"))
    assert "must end after it starts" in " ".join(ends_first.context["adminform"].form.errors["end_time"])
    assert edition.agenda_items.count() == 1


def test_a_session_is_viewed_on_its_editions_page(admin_client):
    item = edition_with_agenda(1).agenda_items.get()
    page = admin_client.get(reverse("admin:events_agendaitem_change", args=[item.pk])).content.decode()
    assert "View on site" in page
    assert f"{item.edition.get_absolute_url()}#agenda" in page


def test_the_edition_form_with_every_inline_full_stays_under_the_field_limit(admin_client):
    edition = EditionFactory()
    edition.themes.set([Theme.objects.create(name=f"Theme {n}", slug=f"theme-{n}") for n in range(20)])
    for n, host in enumerate(HostFactory.create_batch(20)):
        edition.edition_hosts.create(host=host, order=n)
    for n, partner in enumerate(PartnerFactory.create_batch(40)):
        edition.partnerships.create(partner=partner, order=n)
    for n, speaker in enumerate(SpeakerFactory.create_batch(80)):
        edition.edition_speakers.create(speaker=speaker, order=n)
    data = form_data(admin_client.get(change_url(edition)))

    # form_data posts every row's "Delete" box too, as a browser does once it
    # is ticked: the worst case. The CSRF token and the submit button make two more.
    assert "edition_speakers-79-DELETE" in data
    fields = sum(len(v) if isinstance(v, list) else 1 for v in data.values()) + 2
    limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    print(f"\nEdition form with every inline full: {fields} fields of {limit}")  # noqa: T201 (the measure)
    assert fields < limit
    assert admin_client.post(change_url(edition), data).status_code == 302
    assert edition.edition_speakers.count() == 80
