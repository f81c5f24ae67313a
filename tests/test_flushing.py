"""The suite's quick flush (tests/flushing.py) leaves the database as Django's own flush does."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command, sql
from django.core.management.commands import flush

from events.models import Edition
from tests.factories import EditionFactory


def state():
    """Every table's number of rows, and what post_migrate's rows say, whatever their ids."""
    counts = {
        model._meta.db_table: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
    }
    return counts, {
        "content types": set(ContentType.objects.values_list("app_label", "model")),
        "permissions": set(Permission.objects.values_list("content_type__app_label", "codename", "name")),
        "groups": {
            (group.name, frozenset(group.permissions.values_list("content_type__app_label", "codename")))
            for group in Group.objects.prefetch_related(None)
        },
    }


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("reset_sequences", [False, True])
def test_the_quick_flush_leaves_every_table_as_djangos_flush_and_post_migrate_do(
    monkeypatch, reset_sequences
):
    EditionFactory()
    Group.objects.create(name="A team of a test")

    with monkeypatch.context() as patched:
        patched.setattr(flush, "emit_post_migrate_signal", sql.emit_post_migrate_signal)
        call_command("flush", verbosity=0, interactive=False, reset_sequences=reset_sequences)
    djangos = state()
    EditionFactory()
    Group.objects.create(name="A team of a test")
    call_command("flush", verbosity=0, interactive=False, reset_sequences=reset_sequences)

    assert state() == djangos
    assert djangos[0][Edition._meta.db_table] == 0
    assert djangos[0][Permission._meta.db_table] > 200  # what post_migrate made is there
    # The ids put back are taken: what a test makes next gets a new one.
    Group.objects.create(name="Another team")
    ContentType.objects.create(app_label="tests", model="another")
