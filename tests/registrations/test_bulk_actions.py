"""The organisers' actions on thousands of registrations at once: they finish, in a bounded number
of queries, allocate places as one at a time would, and say what they did, even when stopped."""

from datetime import timedelta

import factory
import pytest
from django.contrib.messages import get_messages
from django.utils.timezone import now as utc_now

from events.models import Approval, OrganisationKind
from registrations import flow, places
from registrations.models import Decision, Message, Registration
from tests.registrations_helpers import STAFF, on_site_edition

pytestmark = pytest.mark.django_db
Status = Registration.Status
URL = "/admin/registrations/registration/"


class PendingRegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    organisation = "Cluster"
    country = "BE"
    kind = OrganisationKind.CLUSTER
    status = Status.PENDING


def pending(edition, count):
    """`count` pending requests, confirmed a second apart, in the reverse order of their rows."""
    start = utc_now() - timedelta(days=1)
    rows = PendingRegistrationFactory.build_batch(count, edition=edition)
    for number, row in enumerate(rows):
        row.confirmed_at = start + timedelta(seconds=count - number)
    Registration.objects.bulk_create(rows)
    return list(
        Registration.objects.filter(edition=edition).order_by("confirmed_at").values_list("pk", flat=True)
    )


def select_all(admin_client, edition, action):
    """The action on every registration of the edition, as "Select all 5,000" sends it."""
    response = admin_client.post(
        f"{URL}?edition__id__exact={edition.pk}",
        {"action": action, "select_across": "1", "index": "0", "_selected_action": ["0"]},
    )
    assert response.status_code == 302
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.slow
def test_approve_on_5000_selected_fills_the_places_in_order_and_puts_the_rest_in_line(
    admin_client, django_assert_max_num_queries
):
    edition = on_site_edition(registration_places=40, registration_approval=Approval.INDIVIDUAL)
    in_order = pending(edition, 5000)
    # One query per queued e-mail (its task) and a handful per chunk of 500: not ten per row.
    with django_assert_max_num_queries(5000 + 20 * (5000 // flow.CHUNK) + 40):
        said = select_all(admin_client, edition, "approve")
    assert said == ["5,000 selected: 40 approved, 4,960 on the waiting list, 0 left as they were. "
                    "Their e-mails are queued."]  # fmt: skip
    approved = Registration.objects.filter(edition=edition, status=Status.APPROVED)
    assert sorted(approved.values_list("pk", flat=True)) == sorted(in_order[:40])
    line = Registration.objects.filter(edition=edition).waiting_in_line().values_list("pk", flat=True)
    assert list(line) == in_order[40:], "the line keeps the order of confirmation"
    assert Message.objects.filter(kind=Message.Kind.APPROVED).count() == 40
    assert Message.objects.filter(kind=Message.Kind.WAITING).count() == 4960
    assert places.places_left(edition) == 0
    # Each one's decision recorded, with who took it, in the same chunks.
    assert Decision.objects.filter(registration__edition=edition, user__username="admin").count() == 5000


def test_declining_approved_registrants_offers_their_places_to_the_first_in_line_once(admin_client):
    edition = on_site_edition(registration_places=3, registration_approval=Approval.INDIVIDUAL)
    in_order = pending(edition, 8)
    flow.approve_many(in_order, by=STAFF)
    assert flow.decline_many(in_order[:2], by=STAFF).changed == {Status.DECLINED: 2}
    offered = Registration.objects.filter(status=Status.OFFERED).order_by("queued_at")
    assert list(offered.values_list("pk", flat=True)) == in_order[3:5]
    assert Message.objects.filter(kind=Message.Kind.OFFERED).count() == 2
    # Declined again: nothing changes and no second e-mail goes.
    assert flow.decline_many(in_order[:2], by=STAFF).unchanged == 2
    assert Message.objects.filter(kind=Message.Kind.DECLINED).count() == 2


def test_moving_approved_registrants_to_the_line_gives_their_places_to_those_before_them_not_back(
    admin_client,
):
    edition = on_site_edition(registration_places=2, registration_approval=Approval.INDIVIDUAL)
    in_order = pending(edition, 3)
    flow.approve_many(in_order, by=STAFF)  # two approved, the third in line
    flow.move_many_to_waiting_list(in_order[:2], by=STAFF)
    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert [statuses[pk] for pk in in_order] == [Status.WAITING, Status.WAITING, Status.OFFERED]
    line = Registration.objects.filter(edition=edition).waiting_in_line().values_list("pk", flat=True)
    assert list(line) == in_order[:2]


def test_an_action_stopped_partway_says_how_far_it_got_and_leaves_the_rest_unchanged(
    admin_client, monkeypatch
):
    edition = on_site_edition(registration_places=5, registration_approval=Approval.INDIVIDUAL)
    in_order = pending(edition, 250)
    monkeypatch.setattr(flow, "CHUNK", 100)
    approve_chunk = flow._approve_chunk

    def fails_on_the_third_chunk(pks, now, position, by):
        if position == 200:
            raise RuntimeError("database went away")
        return approve_chunk(pks, now, position, by)

    monkeypatch.setattr(flow, "_approve_chunk", fails_on_the_third_chunk)
    said = select_all(admin_client, edition, "approve")
    assert said == [
        "Stopped after 200 of 250 registrations (RuntimeError('database went away')): 5 approved, "
        "195 on the waiting list, 0 left as they were, their e-mails queued. The other 50 are "
        "unchanged: select them and run the action again."
    ]
    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert {statuses[pk] for pk in in_order[200:]} == {Status.PENDING}
    assert Message.objects.count() == 200
