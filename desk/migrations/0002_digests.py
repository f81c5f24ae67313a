"""The daily digest's outbox: one row per person and day (desk.models.Digest).

No dependency on desk 0001, which another change writes; the two are chained when merged.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("desk", "0001_roles"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Digest",
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
                ("day", models.DateField()),
                ("waiting", models.JSONField()),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="digests",
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
                        name="digest_due",
                    )
                ],
                "constraints": [models.UniqueConstraint(fields=("user", "day"), name="digest_once_a_day")],
            },
        ),
    ]
