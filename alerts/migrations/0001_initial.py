"""Alerts' models, taken over from hosting (hosting/0006 renamed their tables), rows and all.

Only the state is created here: the tables are there. Besides,
- the content types of hosting.subscription and hosting.alert become alerts', so their
  permissions, and the admin's history entries, follow the models;
- queued tasks that name the old paths (django-tasks-db stores a task's import path in its row)
  are pointed at the new ones, so an alert enqueued before the upgrade is sent after it.
"""

import django.db.models.deletion
import django.utils.timezone
import django_countries.fields
from django.db import migrations, models

import common.tokens

MODELS = ("subscription", "alert")
TASKS = {
    "hosting.alerts.send_alert": "alerts.tasks.send_alert",
    "hosting.alerts.edition_saved": "alerts.tasks.edition_saved",
}


def move(apps, from_label, to_label, tasks):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        # A content type made for the new label already (by a migrate run in between) has no
        # permissions granted or history yet: the old row, which has them, takes its place.
        if ContentType.objects.filter(app_label=from_label, model=model).exists():
            ContentType.objects.filter(app_label=to_label, model=model).delete()
            ContentType.objects.filter(app_label=from_label, model=model).update(app_label=to_label)
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    for old, new in tasks.items():
        DBTaskResult.objects.filter(task_path=old).update(task_path=new)


def forwards(apps, schema_editor):
    move(apps, "hosting", "alerts", TASKS)


def backwards(apps, schema_editor):
    move(apps, "alerts", "hosting", {new: old for old, new in TASKS.items()})


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
        ("events", "0010_unique_upload_names"),
        ("hosting", "0006_alerts_to_their_own_app"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Subscription",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("email", models.EmailField(max_length=254, unique=True, verbose_name="e-mail")),
                        (
                            "every_edition",
                            models.BooleanField(default=False, verbose_name="every new edition"),
                        ),
                        (
                            "countries",
                            django_countries.fields.CountryField(
                                blank=True,
                                help_text="Editions in these countries.",
                                max_length=746,
                                multiple=True,
                            ),
                        ),
                        (
                            "calls_for_hosts",
                            models.BooleanField(default=False, verbose_name="calls for hosts"),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("confirmed_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "link_key",
                            models.CharField(
                                default=common.tokens.new_link_key,
                                editable=False,
                                max_length=43,
                                unique=True,
                            ),
                        ),
                        (
                            "themes",
                            models.ManyToManyField(
                                blank=True, related_name="subscriptions", to="events.theme"
                            ),
                        ),
                    ],
                    options={
                        "ordering": ["email"],
                    },
                ),
                migrations.CreateModel(
                    name="Alert",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("event_key", models.CharField(max_length=100)),
                        ("subject", models.CharField(max_length=300)),
                        ("text", models.TextField()),
                        ("url", models.CharField(max_length=300)),
                        ("sequence", models.PositiveIntegerField(default=0)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("sent_at", models.DateTimeField(blank=True, null=True)),
                        ("attempts", models.PositiveIntegerField(default=0)),
                        ("last_error", models.TextField(blank=True)),
                        ("next_attempt_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("failed_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "subscription",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="alerts",
                                to="alerts.subscription",
                            ),
                        ),
                    ],
                    options={
                        "ordering": ["created_at", "pk"],
                        "indexes": [
                            models.Index(
                                condition=models.Q(("failed_at", None), ("sent_at", None)),
                                fields=["next_attempt_at"],
                                name="alert_due",
                            )
                        ],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("subscription", "event_key"), name="alert_once_per_event"
                            )
                        ],
                    },
                ),
            ],
        ),
        migrations.RunPython(forwards, backwards),
    ]
