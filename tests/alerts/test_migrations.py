"""Code that moved keeps every row: alerts out of hosting (hosting/0006, alerts/0001) with their
subscriptions' themes, the permissions and history of their content types and alerts queued to be
sent; offers' lapse task out of registrations.tasks (registrations/0006)."""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django_tasks_db.models import DBTaskResult

from alerts import tasks
from alerts.models import Alert, Subscription
from events.models import Theme
from registrations import places
from tests.registrations_helpers import run_worker

# Each test migrates the database back and forth in-process (seconds of CPU): make test runs them,
# make test-fast leaves them out.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

BEFORE = [("hosting", "0005_message_delivery_state")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_a_database_with_alerts_in_hosting_migrates_with_every_row_its_permissions_and_its_queued_task(
    smtp_server, django_user_model
):
    green = Theme.objects.create(name="Green transition", slug="green")
    old = migrate(BEFORE)
    # Migrating back gave the content types to hosting, as on a site that ran the old version.
    hosting_type = ContentType.objects.get(app_label="hosting", model="subscription")
    OldSubscription, OldAlert = old.get_model("hosting", "Subscription"), old.get_model("hosting", "Alert")
    subscription = OldSubscription.objects.create(
        email="ana@example.org", every_edition=True, link_key="k" * 32, confirmed_at="2026-01-01T00:00Z"
    )
    subscription.themes.add(green.pk)
    alert = OldAlert.objects.create(
        subscription=subscription,
        event_key="published:1",
        subject="New edition: Porto",
        text="Porto",
        url="/",
    )
    staff = django_user_model.objects.create_user("staff", is_staff=True)
    permission = Permission.objects.get(codename="view_subscription", content_type_id=hosting_type.pk)
    staff.user_permissions.add(permission)
    LogEntry.objects.create(
        user=staff, content_type_id=hosting_type.pk, object_id=str(subscription.pk), action_flag=2
    )
    queued = tasks.send_alert.enqueue(alert.pk)
    DBTaskResult.objects.filter(pk=queued.id).update(task_path="hosting.alerts.send_alert")

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    ContentType.objects.clear_cache()
    moved = Subscription.objects.get()
    assert (moved.pk, moved.email, moved.link_key) == (subscription.pk, "ana@example.org", "k" * 32)
    assert list(moved.themes.all()) == [green]
    assert list(Alert.objects.values_list("pk", "subscription_id")) == [(alert.pk, subscription.pk)]
    content_type = ContentType.objects.get_for_model(Subscription)
    assert content_type.pk == hosting_type.pk
    assert not ContentType.objects.filter(app_label="hosting", model__in=["subscription", "alert"])
    staff.refresh_from_db()
    assert staff.has_perm("alerts.view_subscription")
    assert LogEntry.objects.get().content_type == content_type
    assert DBTaskResult.objects.get(pk=queued.id).task_path == "alerts.tasks.send_alert"
    run_worker()
    assert [m["Subject"] for m in smtp_server.to("ana@example.org")] == ["New edition: Porto"]


def test_an_offer_scheduled_to_lapse_before_the_upgrade_names_the_task_where_it_now_is():
    migrate([("registrations", "0005_message_kind_link")])
    queued = places.lapse_offer_when_due.enqueue(1)
    DBTaskResult.objects.filter(pk=queued.id).update(task_path="registrations.tasks.lapse_offer")
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    assert DBTaskResult.objects.get(pk=queued.id).task_path == "registrations.places.lapse_offer_when_due"
