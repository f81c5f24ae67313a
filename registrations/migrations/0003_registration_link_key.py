"""Links sign a random key per registration instead of its primary key (common.tokens).

Existing rows get a key each; links sent before this migration stop working, which is the point:
after a restore, a pk can name another person.
"""

from django.db import migrations, models

import common.tokens


def fill_link_keys(apps, schema_editor):
    Registration = apps.get_model("registrations", "Registration")
    for registration in Registration.objects.filter(link_key__isnull=True).only("pk"):
        registration.link_key = common.tokens.new_link_key()
        registration.save(update_fields=["link_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("registrations", "0002_eu_member_states"),
    ]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="link_key",
            field=models.CharField(editable=False, max_length=43, null=True),
        ),
        migrations.RunPython(fill_link_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="registration",
            name="link_key",
            field=models.CharField(
                default=common.tokens.new_link_key, editable=False, max_length=43, unique=True
            ),
        ),
    ]
