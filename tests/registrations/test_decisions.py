"""Item 3: every decision about a registrant is kept with who took it and when, shown on the
registration's admin page, and goes with the registration (deleted, anonymised)."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.utils.timezone import now as utc_now

from events.models import Approval
from registrations import flow, places
from registrations.management.commands.registrations_retention import anonymise
from registrations.models import Decision, Registration
from tests.registrations_helpers import on_site_edition

pytestmark = pytest.mark.django_db
URL = "/admin/registrations/registration/"


def confirmed(edition, name):
    registration = flow.create(
        edition,
        name=name,
        email=f"{name.lower()}@example.org",
        organisation="O",
        country="BE",
        kind="cluster",
    )
    flow.confirm(registration.pk)
    return registration


def history(registration):
    return [
        (d.outcome, d.who) for d in Decision.objects.filter(registration=registration).select_related("user")
    ]


def test_each_decision_is_recorded_with_who_took_it_and_when(admin_client, admin_user, time_machine):
    edition = on_site_edition(registration_places=1, registration_approval=Approval.INDIVIDUAL)
    ana, bob, eva = (confirmed(edition, name) for name in ("Ana", "Bob", "Eva"))
    admin_client.post(URL, {"action": "approve", "_selected_action": [ana.pk, bob.pk, eva.pk]})
    admin_client.post(URL, {"action": "decline", "_selected_action": [ana.pk]})  # Bob is offered her place
    lapsed_at = utc_now() + datetime.timedelta(hours=edition.registration_offer_hours + 1)
    time_machine.move_to(lapsed_at, tick=False)
    places.lapse_offer(bob.pk)  # and Eva is offered it
    flow.accept_offer(eva.pk)
    flow.cancel(eva.pk)

    assert history(ana) == [("approved", "admin"), ("declined", "admin")]
    assert history(bob) == [("waiting", "admin"), ("offered", "the site"), ("lapsed", "the site")]
    assert history(eva) == [
        ("waiting", "admin"),
        ("offered", "the site"),
        ("approved", "the registrant"),
        ("cancelled", "the registrant"),
    ]
    assert Decision.objects.filter(registration=bob).last().at == lapsed_at
    assert Decision.objects.filter(user=admin_user).count() == 4


def test_an_approval_without_review_is_the_sites_decision():
    edition = on_site_edition(registration_places=1)
    ana, bob = confirmed(edition, "Ana"), confirmed(edition, "Bob")
    assert history(ana) == [("approved", "the site")]
    assert history(bob) == [("waiting", "the site")]


def test_the_registrations_admin_page_shows_its_history_oldest_first_and_read_only(admin_client):
    edition = on_site_edition(registration_places=1, registration_approval=Approval.INDIVIDUAL)
    ana = confirmed(edition, "Ana")
    admin_client.post(URL, {"action": "approve", "_selected_action": [ana.pk]})
    flow.cancel(ana.pk)
    page = admin_client.get(f"{URL}{ana.pk}/change/").content.decode()
    history = page[page.index('<table class="decision-history">') :]
    history = history[: history.index("</table>")]
    assert history.index("Approved") < history.index("Cancelled")  # oldest first
    assert "<td>admin</td>" in history and "<td>the registrant</td>" in history
    assert "<input" not in history and "<select" not in history  # shown, never a field to change


def test_a_staff_member_who_may_only_view_registrations_reads_the_history(client, django_user_model):
    edition = on_site_edition(registration_places=1)
    ana = confirmed(edition, "Ana")
    viewer = django_user_model.objects.create_user("viewer", password="x", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_registration"))
    edition.team.add(viewer)  # a member of the edition's team, with no more than the view permission
    client.force_login(viewer)
    page = client.get(f"{URL}{ana.pk}/change/").content.decode()
    assert '<table class="decision-history">' in page and "<td>the site</td>" in page


def test_the_history_goes_with_the_registration_deleted_or_anonymised():
    edition = on_site_edition(registration_places=2)
    ana, bob = confirmed(edition, "Ana"), confirmed(edition, "Bob")
    assert Decision.objects.count() == 2
    flow.delete(ana.pk)
    assert list(Decision.objects.values_list("registration", flat=True)) == [bob.pk]
    edition.start_date = edition.end_date = datetime.date(2020, 1, 1)  # long over
    edition.save()
    assert anonymise() == 1
    assert not Decision.objects.exists()
    assert Registration.objects.get().status == "approved"  # the counts stay
