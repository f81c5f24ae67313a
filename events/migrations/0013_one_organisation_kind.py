"""Hosts take their kind from the site's one list of organisation kinds (OrganisationKind).

Two stored values change to the list's: "regional_authority" becomes "authority" (the call's
"Local or regional authority") and "cluster_organisation" becomes "cluster"; in the history
too, so an old version reads with today's labels. Applications and registrations keep theirs.
"""

from django.db import migrations, models

RENAMED = {"regional_authority": "authority", "cluster_organisation": "cluster"}
KINDS = [
    ("region", "Region"),
    ("authority", "Local or regional authority"),
    ("cluster", "Cluster organisation"),
    ("development_agency", "Development agency"),
    ("innovation_agency", "Innovation agency"),
    ("business_network", "Business network organisation"),
    ("sme_intermediary", "Other small and medium-sized enterprise (SME) intermediary"),
    ("other", "Other"),
]


def rename(apps, renames):
    for model in ("Host", "HistoricalHost"):
        rows = apps.get_model("events", model).objects
        for old, new in renames.items():
            rows.filter(kind=old).update(kind=new)


def forwards(apps, schema_editor):
    rename(apps, RENAMED)


def backwards(apps, schema_editor):
    # An SME intermediary was "other" before the lists were one.
    rename(apps, {new: old for old, new in RENAMED.items()} | {"sme_intermediary": "other"})


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0012_countrygroup"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="host", name="host_kind_valid"),
        migrations.RunPython(forwards, backwards),
        migrations.AlterField(
            model_name="historicalhost",
            name="kind",
            field=models.CharField(choices=KINDS, default="other", max_length=32),
        ),
        migrations.AlterField(
            model_name="host",
            name="kind",
            field=models.CharField(choices=KINDS, default="other", max_length=32),
        ),
        migrations.AddConstraint(
            model_name="host",
            constraint=models.CheckConstraint(
                condition=models.Q(("kind__in", [value for value, _ in KINDS])), name="host_kind_valid"
            ),
        ),
    ]
