"""The desk's outbox to staff (StaffMessage), and the Organisers and Host teams groups with the
permissions desk.roles gives each.

Permissions are made by a post_migrate handler, after every migration has run: on a new database
they do not exist yet while this runs, so it makes those of every app first. Models added by later
migrations join the groups through desk's own post_migrate handler (desk.apps), which applies the
same definition.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

from desk.roles import sync_groups


def create_groups(apps, schema_editor):
    alias = schema_editor.connection.alias
    for app_config in apps.get_app_configs():
        # create_permissions skips an app without a models module, which historical apps lack.
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=alias)
        app_config.models_module = None
    sync_groups(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"), using=alias)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("events", "0014_edition_team"),
        ("registrations", "0010_questions"),
        ("hosting", "0007_application_notices"),
        ("alerts", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="StaffMessage",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("sent_at", models.DateTimeField(blank=True, null=True)),
                ("attempts", models.PositiveIntegerField(default=0)),
                ("last_error", models.TextField(blank=True)),
                ("next_attempt_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("failed_at", models.DateTimeField(blank=True, null=True)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("invitation", "Invitation to a host team"),
                            ("password_reset", "Password reset"),
                        ],
                        max_length=16,
                    ),
                ),
                (
                    "edition",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="staff_invitations",
                        to="events.edition",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="staff_messages",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["created_at", "pk"],
                "abstract": False,
                "indexes": [
                    models.Index(
                        condition=models.Q(("failed_at", None), ("sent_at", None)),
                        fields=["next_attempt_at"],
                        name="staffmessage_due",
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("kind", "invitation")),
                        fields=("user", "edition"),
                        name="staffmessage_one_invitation",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("kind__in", ["invitation", "password_reset"])),
                        name="staffmessage_kind_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("edition__isnull", False), ("kind", "invitation")),
                            models.Q(("edition__isnull", True), ("kind", "password_reset")),
                            _connector="OR",
                        ),
                        name="staffmessage_invitation_names_edition",
                    ),
                ],
            },
        ),
        # Reversed, the groups stay: people are in them, and a later migrate sets them right again.
        migrations.RunPython(create_groups, migrations.RunPython.noop),
    ]
