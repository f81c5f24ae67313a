"""The task that lapses an unanswered offer moved from registrations.tasks.lapse_offer to
registrations.places.lapse_offer_when_due (beside the step that schedules it, so that the steps
never import tasks.py). django-tasks-db stores a task's import path in its row: offers already
scheduled are pointed at the new path, and lapse on time after the upgrade."""

from django.db import migrations

OLD, NEW = "registrations.tasks.lapse_offer", "registrations.places.lapse_offer_when_due"


def repoint(old, new):
    def run(apps, schema_editor):
        DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
        DBTaskResult.objects.filter(task_path=old).update(task_path=new)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
        ("registrations", "0006_countrygroup_to_events"),
    ]

    operations = [migrations.RunPython(repoint(OLD, NEW), repoint(NEW, OLD))]
