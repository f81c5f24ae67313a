"""Editions store the instant they are over; one series is explicitly the main one."""

import zoneinfo
from datetime import datetime, time, timedelta

from django.db import migrations, models


def ends_at(row):
    # The rule of Edition.local_end, as it stands in this migration.
    zone = zoneinfo.ZoneInfo(row.timezone)
    if row.end_time:
        return datetime.combine(row.end_date, row.end_time, tzinfo=zone)
    return datetime.combine(row.end_date + timedelta(days=1), time.min, tzinfo=zone)


def fill(apps, schema_editor):
    for name in ("Edition", "HistoricalEdition"):
        model = apps.get_model("events", name)
        rows = list(model.objects.only("end_date", "end_time", "timezone"))
        for row in rows:
            row.ends_at = ends_at(row)
        model.objects.bulk_update(rows, ["ends_at"], batch_size=500)
    # Until now the first series in the admin's order stood for the main one.
    Series = apps.get_model("events", "Series")
    first = Series.objects.order_by("order", "name").first()
    if first:
        Series.objects.filter(pk=first.pk).update(is_main=True)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_content_revision"),
    ]

    operations = [
        migrations.AddField(
            model_name="edition",
            name="ends_at",
            field=models.DateTimeField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="historicaledition",
            name="ends_at",
            field=models.DateTimeField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="series",
            name="is_main",
            field=models.BooleanField(
                default=False,
                help_text="The series the site is about; “About the series” in the navigation leads to it.",
                verbose_name="main series",
            ),
        ),
        migrations.AddField(
            model_name="historicalseries",
            name="is_main",
            field=models.BooleanField(
                default=False,
                help_text="The series the site is about; “About the series” in the navigation leads to it.",
                verbose_name="main series",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="edition",
            name="ends_at",
            field=models.DateTimeField(db_index=True, editable=False),
        ),
        migrations.AlterField(
            model_name="historicaledition",
            name="ends_at",
            field=models.DateTimeField(db_index=True, editable=False),
        ),
        migrations.AddConstraint(
            model_name="series",
            constraint=models.UniqueConstraint(
                condition=models.Q(("is_main", True)), fields=("is_main",), name="series_one_main"
            ),
        ),
    ]
