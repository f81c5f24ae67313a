"""Links sign a random key per application and per subscription instead of the primary key
(common.tokens).

Existing rows get a key each; links sent before this migration stop working, which is the point:
after a restore, a pk can name another person.
"""

from django.db import migrations, models

import common.tokens


def fill_link_keys(apps, schema_editor):
    for name in ("Application", "Subscription"):
        model = apps.get_model("hosting", name)
        for row in model.objects.filter(link_key__isnull=True).only("pk"):
            row.link_key = common.tokens.new_link_key()
            row.save(update_fields=["link_key"])


def link_key(**options):
    return models.CharField(editable=False, max_length=43, **options)


class Migration(migrations.Migration):
    dependencies = [
        ("hosting", "0003_alerts"),
    ]

    operations = [
        migrations.AddField(model_name="application", name="link_key", field=link_key(null=True)),
        migrations.AddField(model_name="subscription", name="link_key", field=link_key(null=True)),
        migrations.RunPython(fill_link_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="application",
            name="link_key",
            field=link_key(default=common.tokens.new_link_key, unique=True),
        ),
        migrations.AlterField(
            model_name="subscription",
            name="link_key",
            field=link_key(default=common.tokens.new_link_key, unique=True),
        ),
    ]
