"""CountryGroup now belongs to events (events/0012), which keeps its table and its rows:
here it only leaves registrations' state."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0012_countrygroup"),
        ("registrations", "0005_message_kind_link"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="CountryGroup")],
            database_operations=[],
        ),
    ]
