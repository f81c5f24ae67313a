"""The roles' permissions (desk.roles): the groups the data migration creates and migrate keeps
current, the organisers' account that does the whole job, and what a host team may touch."""

import datetime
import os

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from events.models import CountryGroup
from events.roles import HOST_TEAMS, ORGANISERS
from hosting.models import CutOff
from registrations.models import Registration
from tests.adminforms import form_data
from tests.data_migrations import migrate
from tests.factories import ApplicationFactory, CallForHostsFactory
from tests.registrations_helpers import on_site_edition

pytestmark = pytest.mark.django_db


def create_organiser(username, password, *options):
    os.environ["ORGANISER_PASSWORD"] = password
    try:
        call_command("create_organiser", username, "--no-input", *options, verbosity=0)
    finally:
        del os.environ["ORGANISER_PASSWORD"]
    return User.objects.get(username=username)


@pytest.fixture
def organiser(client):
    user = create_organiser("olga", "a-long-organiser-passphrase", "--email", "olga@example.org")
    client.force_login(user)
    return user


def permissions(group_name):
    group = Group.objects.get(name=group_name)
    return set(group.permissions.values_list("content_type__app_label", "codename"))


def test_create_organiser_makes_a_staff_user_in_the_organisers_group_for_the_whole_desk(organiser):
    assert organiser.is_staff and not organiser.is_superuser
    assert list(organiser.groups.values_list("name", flat=True)) == [ORGANISERS]
    held = permissions(ORGANISERS)
    assert {app for app, _ in held} == {
        "events", "registrations", "hosting", "alerts", "attendance", "feedback", "desk"
    }  # fmt: skip
    for model in ("edition", "summary", "host", "partner", "speaker", "agendaitem", "callforhosts"):
        for verb in ("add", "change", "delete", "view"):
            assert organiser.has_perm(f"events.{verb}_{model}")
    for label in ("registrations.registration", "hosting.application", "hosting.review", "hosting.cutoff"):
        app, model = label.split(".")
        assert all(
            organiser.has_perm(f"{app}.{verb}_{model}") for verb in ("add", "change", "delete", "view")
        )
    # Alerts: seen, never edited (a subscriber changes their own choice through their signed page).
    assert {codename for app, codename in held if app == "alerts"} == {"view_subscription", "view_alert"}
    assert not any("historical" in codename or codename.endswith("contentrevision") for _, codename in held)


def test_organisers_get_nothing_of_accounts_sign_in_records_the_admin_log_or_the_task_queue(organiser):
    held_apps = {app for app, _ in permissions(ORGANISERS)}
    assert not held_apps & {"auth", "admin", "axes", "django_tasks_db", "contenttypes", "sessions", "common"}


def test_a_host_team_runs_an_edition_and_its_registrations_but_creates_deletes_and_reaches_nothing_else(db):
    held = permissions(HOST_TEAMS)
    assert {("events", "change_edition"), ("events", "view_edition")} <= held
    assert not {("events", "add_edition"), ("events", "delete_edition")} & held
    # The edition page's inline rows, added and removed.
    for model in ("editionhost", "partnership", "editionspeaker"):
        assert {("events", f"{verb}_{model}") for verb in ("add", "change", "delete", "view")} <= held
    # The directory they pick from: seen and added to, never changed or deleted.
    for model in ("host", "partner", "speaker"):
        assert {("events", f"add_{model}"), ("events", f"view_{model}")} <= held
        assert not {("events", f"change_{model}"), ("events", f"delete_{model}")} & held
    assert {("registrations", "view_registration"), ("registrations", "change_registration")} <= held
    assert not {("registrations", "add_registration"), ("registrations", "delete_registration")} & held
    assert not {app for app, _ in held} & {"hosting", "alerts", "auth", "desk"}
    # On the day they check people in (and undo a mistake); after it they set the survey and read it.
    assert {("attendance", f"{verb}_attendance") for verb in ("add", "change", "delete", "view")} <= held
    assert {("feedback", "add_survey"), ("feedback", "view_response")} <= held
    assert not {("feedback", "change_response"), ("feedback", "delete_response")} & held
    for model in ("series", "theme", "countrygroup", "callforhosts", "sitepage", "siteidentity"):
        assert not any(codename.endswith(f"_{model}") for _, codename in held), model


def test_create_organiser_is_idempotent_and_restores_the_group(organiser):
    group = Group.objects.get(name=ORGANISERS)
    count = group.permissions.count()
    group.permissions.add(Permission.objects.get(codename="add_user"))
    create_organiser("olga", "a-new-long-passphrase-2")
    assert group.permissions.count() == count
    assert User.objects.filter(username="olga").count() == 1
    assert User.objects.get(username="olga").check_password("a-new-long-passphrase-2")


def test_create_organiser_refuses_a_weak_password_and_a_missing_one(db):
    with pytest.raises(Exception, match="too short"):
        create_organiser("weak", "123")
    with pytest.raises(Exception, match="ORGANISER_PASSWORD"):
        call_command("create_organiser", "nopass", "--no-input", verbosity=0)
    assert not User.objects.filter(username__in=["weak", "nopass"]).exists()


def test_migrate_sets_both_groups_back_to_exactly_their_roles_and_gives_organisers_a_new_models_permissions(
    db,
):
    before = {name: permissions(name) for name in (ORGANISERS, HOST_TEAMS)}
    Group.objects.get(name=ORGANISERS).permissions.add(Permission.objects.get(codename="change_user"))
    Group.objects.get(name=HOST_TEAMS).permissions.remove(Permission.objects.get(codename="change_edition"))
    # A model a later migration adds to registrations: its permissions exist once auth has made them.
    later = ContentType.objects.create(app_label="registrations", model="latermodel")
    new = Permission.objects.create(content_type=later, codename="change_latermodel", name="Can change it")
    call_command("migrate", verbosity=0)
    assert permissions(ORGANISERS) == before[ORGANISERS] | {("registrations", new.codename)}
    assert permissions(HOST_TEAMS) == before[HOST_TEAMS]


@pytest.mark.django_db(transaction=True)
def test_the_data_migration_creates_both_groups_with_their_permissions():
    migrate([("desk", None)])
    Group.objects.filter(name__in=[ORGANISERS, HOST_TEAMS]).delete()
    migrate()
    assert ("registrations", "change_registration") in permissions(ORGANISERS)
    assert ("events", "change_edition") in permissions(HOST_TEAMS)


def test_an_account_made_by_create_organiser_approves_reviews_and_edits_cut_offs_and_country_groups(
    client, organiser
):
    """The issue's opening bug: each of these answered 403 to such an account."""
    edition = on_site_edition(registration_places=5)
    pending = Registration.objects.create(
        edition=edition,
        status=Registration.Status.PENDING,
        name="Ana",
        email="ana@example.org",
        organisation="Cluster",
        country="BE",
        kind="cluster",
    )
    changelist = "/admin/registrations/registration/"
    assert client.get(changelist).status_code == 200
    client.post(changelist, {"action": "approve", "_selected_action": [pending.pk], "index": 0})
    pending.refresh_from_db()
    assert pending.status == Registration.Status.APPROVED
    assert client.get(f"/admin/registrations/registration/attendance/{edition.pk}/").status_code == 200

    call = CallForHostsFactory(deadline=datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC))
    application = ApplicationFactory(
        call=call,
        organisation="Region",
        kind="innovation_agency",
        region="Region",
        contact_name="Anna",
        proposed_start=datetime.date(2031, 1, 1),
        proposed_end=datetime.date(2031, 1, 2),
        motivation="m",
        partners="p",
        support_letter="letters/a.pdf",
    )
    url = f"/admin/hosting/application/{application.pk}/change/"
    data = form_data(client.get(url))
    data.update({"reviews-0-reviewer": str(organiser.pk), "reviews-0-score": "4", "reviews-0-notes": "Good."})
    assert client.post(url, data).status_code == 302
    assert list(application.reviews.values_list("reviewer__username", "score")) == [("olga", 4)]

    cut_off = CutOff.objects.create(
        call=call, label="First", at=datetime.datetime(2029, 6, 1, tzinfo=datetime.UTC)
    )
    url = f"/admin/hosting/cutoff/{cut_off.pk}/change/"
    data = form_data(client.get(url))
    data["label"] = "First deadline"
    assert client.post(url, data).status_code == 302
    assert CutOff.objects.get(pk=cut_off.pk).label == "First deadline"

    assert client.get("/admin/events/countrygroup/add/").status_code == 200
    data = {"name": "Benelux", "countries": ["BE", "NL", "LU"]}
    assert client.post("/admin/events/countrygroup/add/", data).status_code == 302
    assert [c.code for c in CountryGroup.objects.get(name="Benelux").countries] == ["BE", "LU", "NL"]
