import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("registrations", "0003_registration_link_key"),
    ]

    operations = [
        migrations.AddField(
            model_name="message",
            name="failed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="message",
            name="next_attempt_at",
            field=models.DateTimeField(default=django.utils.timezone.now),
        ),
        migrations.AddIndex(
            model_name="message",
            index=models.Index(
                condition=models.Q(("failed_at", None), ("sent_at", None)),
                fields=["next_attempt_at"],
                name="message_due",
            ),
        ),
    ]
