"""Country groups move here from registrations/: eligibility is the edition's rule.

Every row stays where it is: the model keeps the table registrations/ created (see
CountryGroup.Meta), so the database changes nothing but the content type's app label,
which carries the model's permissions and admin log entries over. registrations/0006
removes the model from registrations' state once this has run.
"""

import django.db.models.deletion
import django_countries.fields
from django.db import migrations, models


def relabel(apps, from_label, to_label):
    ContentType = apps.get_model("contenttypes", "ContentType")
    # On a fresh database content types come after migrate, so there is nothing to relabel.
    if not ContentType.objects.filter(app_label=to_label, model="countrygroup").exists():
        ContentType.objects.filter(app_label=from_label, model="countrygroup").update(app_label=to_label)


def forwards(apps, schema_editor):
    relabel(apps, "registrations", "events")


def backwards(apps, schema_editor):
    relabel(apps, "events", "registrations")


GROUP = dict(
    blank=True,
    help_text="Registration on this site: only registrants from these countries. Empty admits everyone.",
    null=True,
    verbose_name="eligible countries",
)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("events", "0011_speaker_photos_site_identity"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="CountryGroup",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=200, unique=True)),
                        ("countries", django_countries.fields.CountryField(max_length=746, multiple=True)),
                    ],
                    options={"ordering": ["name"], "db_table": "registrations_countrygroup"},
                ),
                migrations.AlterField(
                    model_name="edition",
                    name="registration_group",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="editions",
                        to="events.countrygroup",
                        **GROUP,
                    ),
                ),
                migrations.AlterField(
                    model_name="historicaledition",
                    name="registration_group",
                    field=models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="events.countrygroup",
                        **GROUP,
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards),
    ]
