"""Code that moved keeps every row: alerts out of hosting (hosting/0006, alerts/0001) with their
subscriptions' themes, the permissions and history of their content types and alerts queued to be
sent; offers' lapse task out of registrations.tasks (registrations/0006)."""

from types import SimpleNamespace

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission, User
from django.contrib.contenttypes.models import ContentType
from django_tasks_db.models import DBTaskResult

from alerts import tasks
from alerts.models import Alert, Subscription
from events.models import Theme
from registrations import places
from tests.data_migrations import migrate, models_at, shared_trip
from tests.registrations_helpers import run_worker
from tests.smtp import real_smtp

# The module's tests share one round trip through the migrations (tests/data_migrations.py), seconds
# of CPU: make test runs them, make test-fast leaves them out.
pytestmark = pytest.mark.slow

BEFORE = [("hosting", "0005_message_delivery_state"), ("registrations", "0005_message_kind_link")]


@pytest.fixture(scope="module")
def migrated(django_db_setup, django_db_blocker):
    """A site of the old version, with alerts in hosting and an offer's lapse queued under its old
    task path, upgraded: one trip back to BEFORE and forward to today for the module's tests (a trip
    costs seconds of CPU each way; tests/data_migrations.py)."""
    with shared_trip(django_db_blocker):
        made = SimpleNamespace(green=Theme.objects.create(name="Green transition", slug="green"))
        migrate(BEFORE)
        old = models_at(BEFORE)
        # Migrating back gave the content types to hosting, as on a site that ran the old version.
        made.hosting_type = ContentType.objects.get(app_label="hosting", model="subscription")
        OldSubscription, OldAlert = (
            old.get_model("hosting", "Subscription"),
            old.get_model("hosting", "Alert"),
        )
        made.subscription = OldSubscription.objects.create(
            email="ana@example.org",
            every_edition=True,
            link_key="k" * 32,
            confirmed_at="2026-01-01T00:00Z",
        )
        made.subscription.themes.add(made.green.pk)
        made.alert = OldAlert.objects.create(
            subscription=made.subscription,
            event_key="published:1",
            subject="New edition: Porto",
            text="Porto",
            url="/",
        )
        made.staff = User.objects.create_user("staff", is_staff=True)
        permission = Permission.objects.get(
            codename="view_subscription", content_type_id=made.hosting_type.pk
        )
        made.staff.user_permissions.add(permission)
        LogEntry.objects.create(
            user=made.staff,
            content_type_id=made.hosting_type.pk,
            object_id=str(made.subscription.pk),
            action_flag=2,
        )
        made.alert_task = tasks.send_alert.enqueue(made.alert.pk).id
        DBTaskResult.objects.filter(pk=made.alert_task).update(task_path="hosting.alerts.send_alert")
        made.lapse_task = places.lapse_offer_when_due.enqueue(1).id
        DBTaskResult.objects.filter(pk=made.lapse_task).update(task_path="registrations.tasks.lapse_offer")
        migrate()
        # The queued alert, under the path where its task now is, goes out through a real SMTP server.
        made.alert_path = DBTaskResult.objects.get(pk=made.alert_task).task_path
        with real_smtp() as server:
            run_worker()
        made.delivered = [m["Subject"] for m in server.to("ana@example.org")]
        yield made


@pytest.mark.django_db
def test_an_offer_scheduled_to_lapse_before_the_upgrade_names_the_task_where_it_now_is(migrated):
    task = DBTaskResult.objects.get(pk=migrated.lapse_task)
    assert task.task_path == "registrations.places.lapse_offer_when_due"


@pytest.mark.django_db
def test_a_database_with_alerts_in_hosting_migrates_with_every_row_its_permissions_and_its_queued_task(
    migrated,
):
    moved = Subscription.objects.get()
    assert (moved.pk, moved.email, moved.link_key) == (migrated.subscription.pk, "ana@example.org", "k" * 32)
    assert list(moved.themes.all()) == [migrated.green]
    assert list(Alert.objects.values_list("pk", "subscription_id")) == [
        (migrated.alert.pk, migrated.subscription.pk)
    ]
    content_type = ContentType.objects.get_for_model(Subscription)
    assert content_type.pk == migrated.hosting_type.pk
    assert not ContentType.objects.filter(app_label="hosting", model__in=["subscription", "alert"])
    assert User.objects.get(pk=migrated.staff.pk).has_perm("alerts.view_subscription")
    assert LogEntry.objects.get().content_type == content_type
    assert migrated.alert_path == "alerts.tasks.send_alert"
    assert migrated.delivered == ["New edition: Porto"]
