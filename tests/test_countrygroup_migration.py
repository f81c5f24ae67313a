"""Country groups moving from registrations/ to events (events/0012, registrations/0006) keep every row:
the groups and their countries, the editions pointing at them, and the permissions and admin log
entries that hang on the content type."""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from events.models import CountryGroup, Edition
from tests.factories import EditionFactory

BEFORE = [("events", "0011_speaker_photos_site_identity"), ("registrations", "0005_message_kind_link")]
AFTER = [("events", "0012_countrygroup"), ("registrations", "0006_countrygroup_to_events")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    ContentType.objects.clear_cache()
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_moving_country_groups_to_events_keeps_groups_editions_permissions_and_log_entries():
    old = migrate(BEFORE)
    try:
        # The database as registrations/ left it: its content type, a permission on it held by a
        # group of organisers, a log entry, a group with countries and an edition choosing it.
        old_type = ContentType.objects.get(app_label="registrations", model="countrygroup")
        assert not ContentType.objects.filter(app_label="events", model="countrygroup").exists()
        benelux = old.get_model("registrations", "CountryGroup").objects.create(
            name="Benelux", countries=["BE", "NL", "LU"]
        )
        edition = EditionFactory()
        Edition.objects.filter(pk=edition.pk).update(registration_group_id=benelux.pk)
        organisers = Group.objects.create(name="Eligibility editors")
        organisers.permissions.add(Permission.objects.get(codename="change_countrygroup"))
        editor = User.objects.create(username="editor", is_staff=True)
        editor.groups.add(organisers)
        LogEntry.objects.create(
            user=editor,
            content_type_id=old_type.pk,
            object_id=str(benelux.pk),
            object_repr="Benelux",
            action_flag=CHANGE,
        )
    finally:
        migrate(AFTER)

    group = CountryGroup.objects.get(pk=benelux.pk)
    assert [c.code for c in group.countries] == ["BE", "LU", "NL"]
    assert Edition.objects.get(pk=edition.pk).registration_group == group
    content_type = ContentType.objects.get_for_model(CountryGroup)
    assert content_type.pk == old_type.pk
    assert not ContentType.objects.filter(app_label="registrations", model="countrygroup").exists()
    assert User.objects.get(pk=editor.pk).has_perm("events.change_countrygroup")
    assert LogEntry.objects.get(object_repr="Benelux").get_edited_object() == group
