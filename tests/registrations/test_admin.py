"""Organisers' side of registration: the demo, the admin's actions, CSV and the attendance list."""

import csv
import io

import pytest
from django.core.management import call_command

from events.models import Approval, CountryGroup, Edition, RegistrationMode
from registrations import flow
from registrations.models import Message, Registration
from tests.registrations_helpers import on_site_edition

pytestmark = pytest.mark.django_db


def test_the_eu_member_states_ship_as_data_with_the_27():
    group = CountryGroup.objects.get(name="EU member states")
    assert len(group.countries) == 27
    assert group.admits("HR") and group.admits("CY")
    assert not group.admits("NO") and not group.admits("GB")


def test_loaddemo_offers_registration_on_the_site_with_individual_approval_and_two_places(archive):
    call_command("loaddemo", stdout=io.StringIO())
    demo = Edition.objects.get(slug="sample-edition-demo")
    assert demo.registration_mode == RegistrationMode.ON_SITE
    assert demo.registration_approval == Approval.INDIVIDUAL
    assert demo.registration_places == 2
    assert demo.registration_group.name == "EU member states"


def test_the_edition_page_leads_to_the_form_on_the_site_and_says_the_places_left(client, eu_group):
    edition = on_site_edition(registration_group=eu_group, registration_approval=Approval.INDIVIDUAL)
    page = client.get(edition.get_absolute_url()).content.decode()
    assert f'href="http://127.0.0.1:8000/editions/{edition.slug}/register/"' in page
    assert "Open to participants from the EU member states." in page
    # As of the cached page (one time bucket at most); the registration page counts live.
    assert f"{edition.registration_places} places left" in page


def test_approve_decline_and_waiting_list_actions_queue_their_emails_and_respect_places(admin_client):
    edition = on_site_edition(registration_places=1, registration_approval=Approval.INDIVIDUAL)
    people = []
    for n in range(3):
        r = flow.create(edition, name=f"P{n}", email=f"p{n}@example.org", organisation="O", country="BE",
                        kind="cluster")  # fmt: skip
        flow.confirm(r.pk)
        people.append(r)
    url = "/admin/registrations/registration/"
    admin_client.post(url, {"action": "approve", "_selected_action": [p.pk for p in people[:2]]})
    assert [Registration.objects.get(pk=p.pk).status for p in people] == ["approved", "waiting", "pending"]
    admin_client.post(url, {"action": "decline", "_selected_action": [people[0].pk]})
    assert [Registration.objects.get(pk=p.pk).status for p in people] == ["declined", "offered", "pending"]
    kinds = list(Message.objects.filter(registration=people[1]).values_list("kind", flat=True))
    assert kinds == ["confirm", "received", "waiting", "offered"]

    listing = admin_client.get(f"{url}?edition__id__exact={edition.pk}").content.decode()
    assert "0 approved, 1 pending, 0 waiting, 0 places left" in listing
    attendance = admin_client.get(f"/admin/registrations/registration/attendance/{edition.pk}/")
    assert attendance.status_code == 200


def test_the_csv_export_holds_one_row_per_registration_and_defuses_formulas(admin_client):
    edition = on_site_edition()
    r = flow.create(edition, name="=HYPERLINK(1)", email="a@example.org", organisation="O", country="BE",
                    kind="agency")  # fmt: skip
    response = admin_client.post(
        "/admin/registrations/registration/", {"action": "export_csv", "_selected_action": [r.pk]}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["edition", "name", "email"]
    assert rows[1][1] == "'=HYPERLINK(1)"


def test_registration_on_the_site_without_a_number_of_places_is_a_form_error():
    from django.core.exceptions import ValidationError

    edition = on_site_edition()
    edition.registration_places = None
    with pytest.raises(ValidationError, match="how many places"):
        edition.clean()


def test_the_privacy_notice_says_what_registration_keeps_for_how_long_and_how_to_delete_it(client, settings):
    page = client.get("/privacy/").content.decode()
    assert "When you register for an edition on this site" in page
    assert f"kept until {settings.REGISTRATION_RETENTION_DAYS} days after the edition" in page
    assert "Delete my data" in page


def test_the_consent_box_links_the_privacy_notice(client):
    edition = on_site_edition()
    form = client.get(f"/editions/{edition.slug}/register/").content.decode()
    assert 'href="/privacy/">privacy notice</a>' in form


def staff(client, *codenames, team_of=None):
    """A staff account with only the permissions named, on `team_of`'s team if given, logged in."""
    from django.contrib.auth.models import Permission, User

    user = User.objects.create_user("viewer", password="x", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    if team_of:
        team_of.team.add(user)
    client.force_login(user)
    return user


def registration(edition, status, email="victim@example.org"):
    person = {"name": "Vic Tim", "email": email, "organisation": "Org", "country": "BE", "kind": "cluster"}
    return Registration.objects.create(edition=edition, status=status, **person)


@pytest.mark.parametrize(
    ("action", "before", "after"),
    [
        ("approve", Registration.Status.PENDING, Registration.Status.APPROVED),
        ("decline", Registration.Status.APPROVED, Registration.Status.DECLINED),
        ("move_to_waiting_list", Registration.Status.PENDING, Registration.Status.WAITING),
    ],
)
@pytest.mark.parametrize("may_change", [False, True])
def test_only_a_staff_user_who_may_change_registrations_can_approve_decline_or_move_them(
    client, action, before, after, may_change
):
    edition = on_site_edition(registration_places=5)
    victim = registration(edition, before)
    staff(client, "view_registration", *(["change_registration"] if may_change else []), team_of=edition)
    changelist = client.get("/admin/registrations/registration/").content.decode()
    assert (f'value="{action}"' in changelist) is may_change
    client.post(
        "/admin/registrations/registration/", {"action": action, "_selected_action": [victim.pk], "index": 0}
    )
    victim.refresh_from_db()
    assert victim.status == (after if may_change else before)
    assert Message.objects.filter(registration=victim).exists() is may_change


def test_a_staff_user_who_may_only_view_registrations_can_still_export_them(client):
    victim = registration(on_site_edition(), Registration.Status.APPROVED)
    staff(client, "view_registration", team_of=victim.edition)
    response = client.post(
        "/admin/registrations/registration/", {"action": "export_csv", "_selected_action": [victim.pk]}
    )
    assert "victim@example.org" in response.content.decode("utf-8-sig")


def test_a_staff_user_without_permissions_gets_no_attendance_list(client):
    edition = on_site_edition()
    registration(edition, Registration.Status.APPROVED)
    staff(client)
    response = client.get(f"/admin/registrations/registration/attendance/{edition.pk}/")
    assert b"victim" not in response.content.lower()
    assert b"Vic Tim" not in response.content


@pytest.mark.parametrize(
    ("app", "model", "field"),
    [
        ("registrations", "registration", "edition"),
        ("hosting", "application", "call"),
        ("hosting", "subscription", "email"),
    ],
)
def test_autocomplete_gives_a_staff_user_without_permissions_nothing(client, app, model, field):
    registration(on_site_edition(), Registration.Status.PENDING)
    staff(client)
    query = {"app_label": app, "model_name": model, "field_name": field, "term": "vic"}
    response = client.get("/admin/autocomplete/", query)
    assert b"victim" not in response.content.lower()
