"""Ships the group most editions use; organisers add others (e.g. with the SMP/COSME
participating countries, which the seeds do not list) in the admin."""

from django.db import migrations

EU_MEMBER_STATES = [
    "AT",
    "BE",
    "BG",
    "HR",
    "CY",
    "CZ",
    "DK",
    "EE",
    "FI",
    "FR",
    "DE",
    "GR",
    "HU",
    "IE",
    "IT",
    "LV",
    "LT",
    "LU",
    "MT",
    "NL",
    "PL",
    "PT",
    "RO",
    "SK",
    "SI",
    "ES",
    "SE",
]


def add_group(apps, schema_editor):
    CountryGroup = apps.get_model("registrations", "CountryGroup")
    CountryGroup.objects.update_or_create(name="EU member states", defaults={"countries": EU_MEMBER_STATES})


def remove_group(apps, schema_editor):
    apps.get_model("registrations", "CountryGroup").objects.filter(name="EU member states").delete()


class Migration(migrations.Migration):
    dependencies = [("registrations", "0001_initial")]

    operations = [migrations.RunPython(add_group, remove_group)]
