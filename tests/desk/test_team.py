"""Host teams on the edition's admin page (desk.admin, desk.team): organisers add people by address
and name, who are invited once through the real SMTP server, set a password and sign in to their
edition; organisers remove them; the team itself cannot change who is on it."""

import re

import pytest
from django.contrib.auth.models import Group, User

from desk.admin import Membership
from desk.models import StaffMessage
from events.roles import HOST_TEAMS, ORGANISERS
from tests.adminforms import form_data
from tests.factories import EditionFactory
from tests.registrations_helpers import run_worker

pytestmark = pytest.mark.django_db
# The worker closes its connection when done, as db_worker does: a test that runs it commits for real.
with_worker = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-host-team-passphrase"  # noqa: S105 (a test user's)


def staff(username, group, **fields):
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True, **fields)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def organiser(client):
    client.force_login(staff("olga", ORGANISERS))


def edition_url(edition):
    return f"/admin/events/edition/{edition.pk}/change/"


def team_form(client, edition):
    """The edition's form as posted unchanged, and the prefix of its team rows."""
    page = client.get(edition_url(edition))
    (formset,) = [i.formset for i in page.context["inline_admin_formsets"] if i.formset.model is Membership]
    return form_data(page), formset.prefix


def post_team(client, edition, *people, delete=()):
    data, prefix = team_form(client, edition)
    count = int(data[f"{prefix}-TOTAL_FORMS"])
    for index in range(count):
        if data[f"{prefix}-{index}-email"] in delete:
            data[f"{prefix}-{index}-DELETE"] = "on"
    for index, (name, email) in enumerate(people, start=count):
        data.update({f"{prefix}-{index}-name": name, f"{prefix}-{index}-email": email})
    data[f"{prefix}-TOTAL_FORMS"] = str(count + len(people))
    return client.post(edition_url(edition), data)


@with_worker
def test_an_organiser_adds_a_person_who_is_invited_once_sets_a_password_and_runs_only_that_edition(
    client, organiser, smtp_server
):
    ours, other = EditionFactory(title="Clusters meet Regions: Vilnius"), EditionFactory(title="Zagreb")
    assert post_team(client, ours, ("Vera Petrauskienė", "Vera@Example.LT")).status_code == 302
    vera = User.objects.get(email="vera@example.lt")
    assert vera.username == "vera@example.lt" and vera.get_full_name() == "Vera Petrauskienė"
    assert vera.is_staff and not vera.has_usable_password()
    assert list(vera.groups.values_list("name", flat=True)) == [HOST_TEAMS]
    assert list(ours.team.all()) == [vera]
    # Saving the edition again, team and all, invites nobody a second time.
    assert post_team(client, ours).status_code == 302
    run_worker()
    (invitation,) = smtp_server.to("vera@example.lt")
    assert invitation["Subject"] == "Set your password to run Clusters meet Regions: Vilnius"
    text = invitation.get_body(("plain",)).get_content()
    assert "Your username is vera@example.lt" in text
    assert "Set my password" in invitation.get_body(("html",)).get_content()
    assert StaffMessage.objects.get().sent_at is not None

    client.logout()
    path = re.search(r"http://127\.0\.0\.1:8000(/admin/reset/\S+/)", text).group(1)
    form = client.get(path, follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": PASSWORD, "new_password2": PASSWORD})
    signed_in = client.post("/admin/login/", {"username": "vera@example.lt", "password": PASSWORD})
    assert signed_in.status_code == 302
    listing = client.get("/admin/events/edition/").content.decode()
    assert "Vilnius" in listing and "Zagreb" not in listing
    assert client.get(edition_url(ours)).status_code == 200
    assert other.title not in client.get(edition_url(other), follow=True).content.decode()


@with_worker
def test_an_existing_account_with_the_address_is_reused_and_one_with_a_password_is_not_invited(
    client, organiser, smtp_server
):
    edition = EditionFactory()
    anna = User.objects.create_user("anna", "anna@example.pl", PASSWORD)
    assert post_team(client, edition, ("Anna N.", "ANNA@example.pl")).status_code == 302
    anna.refresh_from_db()
    assert (
        list(edition.team.all()) == [anna]
        and User.objects.filter(email__iexact="anna@example.pl").count() == 1
    )
    assert anna.is_staff and anna.groups.filter(name=HOST_TEAMS).exists() and anna.check_password(PASSWORD)
    run_worker()
    assert not smtp_server.messages


@with_worker
def test_an_invited_person_added_to_a_second_edition_is_invited_to_it_too(client, organiser, smtp_server):
    first, second = EditionFactory(title="First"), EditionFactory(title="Second")
    post_team(client, first, ("Ana", "ana@example.org"))
    post_team(client, second, ("Ana", "ana@example.org"))
    run_worker()
    subjects = sorted(m["Subject"] for m in smtp_server.to("ana@example.org"))
    assert subjects == [
        "Set your password to run First",
        "Set your password to run Second",
    ]
    assert User.objects.filter(email="ana@example.org").count() == 1


def test_the_same_address_twice_is_refused_with_a_message(client, organiser):
    edition = EditionFactory()
    post_team(client, edition, ("Ana", "ana@example.org"))
    again = post_team(client, edition, ("Ana again", "ANA@example.org"))
    assert again.status_code == 200 and "ana@example.org is on the team already." in again.content.decode()
    assert edition.team.count() == 1


def test_an_organiser_removes_a_member_who_then_reaches_nothing(client, organiser):
    first, second = EditionFactory(), EditionFactory()
    post_team(client, first, ("Ana", "ana@example.org"))
    post_team(client, second, ("Ana", "ana@example.org"))
    ana = User.objects.get(email="ana@example.org")
    assert post_team(client, first, delete=["ana@example.org"]).status_code == 302
    assert list(ana.team_editions.all()) == [second] and ana.groups.filter(name=HOST_TEAMS).exists()
    assert post_team(client, second, delete=["ana@example.org"]).status_code == 302
    # Still an account, on no team: the team's permissions go with the last edition.
    assert not ana.team_editions.exists() and not ana.groups.exists()


def test_a_team_member_sees_the_team_but_cannot_add_or_remove_anyone(client):
    edition = EditionFactory()
    vera, viktor = staff("vera", HOST_TEAMS, email="vera@example.lt"), staff("viktor", HOST_TEAMS)
    edition.team.add(vera, viktor)
    client.force_login(vera)
    page = client.get(edition_url(edition)).content.decode()
    # Shown as text: no inputs for the members, none for a new one.
    assert "vera@example.lt" in page and "-0-email" not in page and "__prefix__-email" not in page
    data, prefix = team_form(client, edition)
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": "3",
            f"{prefix}-1-DELETE": "on",
            f"{prefix}-2-name": "Mallory",
            f"{prefix}-2-email": "mallory@example.org",
        }
    )
    assert client.post(edition_url(edition), data).status_code == 302
    assert set(edition.team.all()) == {vera, viktor}
    assert not User.objects.filter(email="mallory@example.org").exists()
