"""Stores the size of images uploaded before it was recorded at upload.

Until now imagekit's re-encoded file reached Django without a name, so the
width and height columns stayed NULL and every page load opened the file to
measure it. Pages no longer do that, so the sizes are measured once here; a
file already missing keeps NULL (and shows as no image until replaced).
"""

from django.core.files.images import get_image_dimensions
from django.core.files.storage import default_storage
from django.db import migrations

IMAGES = [("Edition", "hero_image"), ("Host", "logo"), ("Partner", "logo")]


def fill_dimensions(apps, schema_editor):
    for model_name, field_name in IMAGES:
        model = apps.get_model("events", model_name)
        width_field, height_field = f"{field_name}_width", f"{field_name}_height"
        rows = model.objects.exclude(**{field_name: ""}).filter(**{f"{width_field}__isnull": True})
        for pk, name in rows.values_list("pk", field_name):
            try:
                with default_storage.open(name) as file:
                    width, height = get_image_dimensions(file)
            except OSError:
                continue
            model.objects.filter(pk=pk).update(**{width_field: width, height_field: height})


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0004_ends_at_main_series"),
    ]

    operations = [migrations.RunPython(fill_dimensions, migrations.RunPython.noop)]
