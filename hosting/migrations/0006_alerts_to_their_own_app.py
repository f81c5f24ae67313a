"""Alerts move to their own app (alerts/): their tables are renamed to the alerts app's names and
the models leave hosting's state; alerts/0001 takes them into its state, with every row.

Renamed rather than kept under hosting's names through Meta.db_table: the tables then say which
app owns them, as every other table does, and no model carries a db_table that outlives its reason.
A rename keeps rows, keys, constraints and indexes (SQLite and PostgreSQL both rename in place and
update the foreign keys that point at the table); the subscriptions' themes table follows its model.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("hosting", "0005_message_delivery_state"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name="subscription", table="alerts_subscription"),
                migrations.AlterModelTable(name="alert", table="alerts_alert"),
            ],
            state_operations=[
                migrations.DeleteModel(name="Alert"),
                migrations.DeleteModel(name="Subscription"),
            ],
        ),
    ]
