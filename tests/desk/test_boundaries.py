"""A host team reaches its own edition and nothing of another's (events.admin.base.EditionScoped).

Team A guesses team B's addresses and ids, every way the admin offers: lists, search, filters,
autocomplete, change, history, delete and "view on site" pages, forged form values, actions and
exports on B's ids, the attendance list, the index's to-do list. Each refuses or hides. An
organiser, who manages both, is the control: the same addresses show B's rows to them.
"""

import datetime
import json

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from events.models import AgendaItem, Edition, Summary
from events.roles import HOST_TEAMS, ORGANISERS
from registrations.models import Registration
from tests.factories import EditionFactory, SummaryFactory

pytestmark = pytest.mark.django_db

B_TITLE = "Zagreb secret draft"


def person(edition, name, status=Registration.Status.PENDING):
    email = f"{name.lower()}@example.org"
    return Registration.objects.create(
        edition=edition,
        status=status,
        name=name,
        email=email,
        organisation="Org",
        country="HR",
        kind="cluster",
    )


@pytest.fixture
def editions():
    a = EditionFactory(title="Vilnius edition", registration_mode="on_site", registration_places=10)
    b = EditionFactory(
        title=B_TITLE, status=Edition.Status.DRAFT, registration_mode="on_site", registration_places=10
    )
    for edition, tag in ((a, "Alpha"), (b, "Bravo")):
        SummaryFactory(edition=edition, body="")
        AgendaItem.objects.create(
            edition=edition, day=edition.start_date, start_time=datetime.time(9), title=f"{tag} session"
        )
        person(edition, f"{tag}person")
    return a, b


def member_of(edition, username, group=HOST_TEAMS):
    user = User.objects.create_user(username, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    if edition:
        edition.team.add(user)
    return user


@pytest.fixture
def team_a(client, editions):
    client.force_login(member_of(editions[0], "vera"))
    return client


@pytest.fixture
def organiser(client, editions):
    client.force_login(member_of(None, "olga", ORGANISERS))
    return client


def hidden(response):
    """Refused (403, 404) or "not found" (the admin's redirect to its index), never B's content."""
    body = response.content.decode()
    return response.status_code in (302, 403, 404) and B_TITLE not in body and "Bravo" not in body


def urls_of(edition):
    summary, item = edition.summary, edition.agenda_items.get()
    registration = edition.registrations.get()
    on_site = f"/admin/r/{ContentType.objects.get_for_model(Edition).pk}/{edition.pk}/"
    return [
        f"/admin/events/edition/{edition.pk}/change/",
        f"/admin/events/edition/{edition.pk}/history/",
        f"/admin/events/edition/{edition.pk}/history/{edition.history.first().history_id}/",
        f"/admin/events/edition/{edition.pk}/delete/",
        on_site,
        f"/admin/events/summary/{summary.pk}/change/",
        f"/admin/events/summary/{summary.pk}/history/",
        f"/admin/events/agendaitem/{item.pk}/change/",
        f"/admin/events/agendaitem/{item.pk}/history/",
        f"/admin/events/agendaitem/{item.pk}/delete/",
        f"/admin/registrations/registration/{registration.pk}/change/",
        f"/admin/registrations/registration/{registration.pk}/history/",
        f"/admin/registrations/registration/attendance/{edition.pk}/",
    ]


def test_every_address_of_another_teams_edition_refuses_or_hides_it(team_a, editions):
    a, b = editions
    for url in urls_of(b):
        assert hidden(team_a.get(url)), url
    # The control: the team's own edition answers at the same addresses.
    for url in urls_of(a):
        if "/delete/" not in url:  # a team deletes nothing of an edition's
            assert team_a.get(url).status_code in (200, 302), url
    assert team_a.get(f"/admin/r/{ContentType.objects.get_for_model(Edition).pk}/{a.pk}/").status_code == 302


def test_the_same_addresses_show_an_organiser_both_editions(organiser, editions):
    for url in urls_of(editions[1]):
        if "/delete/" not in url:
            response = organiser.get(url)
            assert response.status_code in (200, 302) and not (
                response.status_code == 302 and response["Location"] == "/admin/"
            ), url


@pytest.mark.parametrize(
    "url",
    [
        "/admin/events/edition/",
        f"/admin/events/edition/?q={B_TITLE.split()[0]}",
        "/admin/events/edition/?status__exact=draft",
        "/admin/events/summary/",
        "/admin/events/agendaitem/",
        "/admin/registrations/registration/",
        "/admin/registrations/registration/?q=bravo",
        "/admin/",
    ],
)
def test_lists_search_filters_and_the_index_show_only_the_teams_edition(
    team_a, organiser_client, url, editions
):
    assert (
        B_TITLE in organiser_client.get(url).content.decode()
        or "Bravo" in organiser_client.get(url).content.decode()
    )
    page = team_a.get(url)
    assert (
        page.status_code == 200
        and B_TITLE not in page.content.decode()
        and "Bravo" not in page.content.decode()
    )


@pytest.fixture
def organiser_client(editions):
    other = Client()
    other.force_login(member_of(None, "olga", ORGANISERS))
    return other


def test_filtering_on_the_other_editions_id_shows_none_of_its_rows_nor_its_title(team_a, editions):
    b = editions[1]
    for url in (
        f"/admin/registrations/registration/?edition__id__exact={b.pk}",
        f"/admin/events/agendaitem/?edition__id__exact={b.pk}",
        f"/admin/events/agendaitem/add/?edition={b.pk}",
        f"/admin/events/summary/add/?edition={b.pk}",
    ):
        page = team_a.get(url).content.decode()
        assert B_TITLE not in page and "Bravo" not in page, url


def test_autocomplete_offers_only_the_teams_editions(team_a, organiser_client, editions):
    url = "/admin/autocomplete/?app_label=events&model_name=agendaitem&field_name=edition&term="
    assert B_TITLE in organiser_client.get(url).content.decode()
    results = json.loads(team_a.get(url).content)["results"]
    assert [r["text"] for r in results] == ["Vilnius edition"]


def test_forged_edition_ids_in_forms_are_refused(team_a, editions):
    a, b = editions
    b.summary.delete()
    data = {"edition": b.pk, "day": b.start_date.isoformat(), "start_time": "09:00", "title": "Planted"}
    assert team_a.post("/admin/events/agendaitem/add/", data).status_code == 200
    summary = {
        "edition": b.pk,
        "body": "Planted",
        "recordings-TOTAL_FORMS": "0",
        "recordings-INITIAL_FORMS": "0",
    }
    assert team_a.post("/admin/events/summary/add/", summary).status_code == 200
    assert (
        not AgendaItem.objects.filter(title="Planted").exists()
        and not Summary.objects.filter(edition=b).exists()
    )


def test_actions_and_exports_on_the_other_editions_ids_reach_nothing(team_a, editions):
    a, b = editions
    theirs, ours = b.registrations.get(), a.registrations.get()
    changelist = "/admin/registrations/registration/"
    team_a.post(changelist, {"action": "approve", "_selected_action": [theirs.pk, ours.pk], "index": 0})
    theirs.refresh_from_db()
    ours.refresh_from_db()
    assert theirs.status == Registration.Status.PENDING and ours.status == Registration.Status.APPROVED
    export = team_a.post(changelist, {"action": "export_csv", "_selected_action": [theirs.pk, ours.pk]})
    csv = export.content.decode("utf-8-sig")
    assert "alphaperson@example.org" in csv and "bravoperson@example.org" not in csv
    team_a.post("/admin/events/edition/", {"action": "publish", "_selected_action": [b.pk], "index": 0})
    assert Edition.objects.get(pk=b.pk).status == Edition.Status.DRAFT


def test_a_team_member_on_no_team_sees_empty_lists(client, editions):
    client.force_login(member_of(None, "former"))
    for url in ("/admin/events/edition/", "/admin/registrations/registration/", "/admin/events/summary/"):
        page = client.get(url).content.decode()
        assert "Vilnius edition" not in page and B_TITLE not in page and "person@" not in page, url
