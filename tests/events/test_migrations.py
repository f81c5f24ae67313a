"""events' data migrations, run on a database holding what they change.

Country groups moving from registrations/ to events (events/0012, registrations/0006) keep every row:
the groups and their countries, the editions pointing at them, and the permissions and admin log
entries that hang on the content type. Hosts' kinds join the one list of kinds (events/0013)."""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from events.models import CountryGroup, Edition, Host, OrganisationKind
from tests.factories import EditionFactory

BEFORE = [("events", "0011_speaker_photos_site_identity"), ("registrations", "0005_message_kind_link")]
AFTER = [("events", "0012_countrygroup"), ("registrations", "0006_countrygroup_to_events")]
# Each test migrates the database back and forth in-process (seconds of CPU): make test runs them,
# make test-fast leaves them out.
pytestmark = pytest.mark.slow


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    ContentType.objects.clear_cache()
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_moving_country_groups_to_events_keeps_groups_editions_permissions_and_log_entries():
    # Made before going back: the factory writes every column today's model has, and later
    # migrations add columns the old table lacks.
    edition = EditionFactory()
    old = migrate(BEFORE)
    try:
        # The database as registrations/ left it: its content type, a permission on it held by a
        # group of organisers, a log entry, a group with countries and an edition choosing it.
        old_type = ContentType.objects.get(app_label="registrations", model="countrygroup")
        assert not ContentType.objects.filter(app_label="events", model="countrygroup").exists()
        benelux = old.get_model("registrations", "CountryGroup").objects.create(
            name="Benelux", countries=["BE", "NL", "LU"]
        )
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
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    group = CountryGroup.objects.get(pk=benelux.pk)
    assert [c.code for c in group.countries] == ["BE", "LU", "NL"]
    assert Edition.objects.get(pk=edition.pk).registration_group == group
    content_type = ContentType.objects.get_for_model(CountryGroup)
    assert content_type.pk == old_type.pk
    assert not ContentType.objects.filter(app_label="registrations", model="countrygroup").exists()
    assert User.objects.get(pk=editor.pk).has_perm("events.change_countrygroup")
    assert LogEntry.objects.get(object_repr="Benelux").get_edited_object() == group


@pytest.mark.django_db(transaction=True)
def test_hosts_kinds_take_the_one_lists_values_in_their_history_too():
    old = migrate(AFTER)
    try:
        OldHost = old.get_model("events", "Host")
        authority = OldHost.objects.create(name="Region of Murcia", slug="murcia", kind="regional_authority")
        cluster = OldHost.objects.create(name="A cluster", slug="cluster", kind="cluster_organisation")
        region = OldHost.objects.create(name="Lapland", slug="lapland", kind="region")
        old.get_model("events", "HistoricalHost").objects.create(
            id=authority.pk, name=authority.name, slug="murcia", kind="regional_authority",
            history_date="2025-01-01T00:00:00Z", history_type="+",
        )  # fmt: skip
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    kinds = dict(Host.objects.values_list("slug", "kind"))
    assert kinds == {
        authority.slug: OrganisationKind.AUTHORITY,
        cluster.slug: OrganisationKind.CLUSTER,
        region.slug: OrganisationKind.REGION,
    }
    assert Host.history.get(slug="murcia").kind == OrganisationKind.AUTHORITY
    assert Host.objects.get(slug="murcia").get_kind_display() == "Local or regional authority"
