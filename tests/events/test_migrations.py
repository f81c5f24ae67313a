"""events' data migrations, run on a database holding what they change.

Country groups moving from registrations/ to events (events/0012, registrations/0006) keep every row:
the groups and their countries, the editions pointing at them, and the permissions and admin log
entries that hang on the content type. Hosts' kinds join the one list of kinds (events/0013)."""

from types import SimpleNamespace

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType

from events.models import CountryGroup, Edition, Host, OrganisationKind
from tests.data_migrations import migrate, models_at, shared_trip
from tests.factories import EditionFactory

BEFORE = [("events", "0011_speaker_photos_site_identity"), ("registrations", "0005_message_kind_link")]
AFTER = [("events", "0012_countrygroup"), ("registrations", "0006_countrygroup_to_events")]
# The module's tests share one round trip through the migrations (tests/data_migrations.py), seconds
# of CPU: make test runs them, make test-fast leaves them out.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def migrated(django_db_setup, django_db_blocker):
    """The rows each test follows, made at the migration before the one that changes them, on one
    trip back to BEFORE, forward to AFTER and on to today: a trip costs seconds of CPU each way.
    See tests/data_migrations.py."""
    with shared_trip(django_db_blocker):
        # Made before going back: the factory writes every column today's model has, and later
        # migrations add columns the old table lacks.
        made = SimpleNamespace(edition=EditionFactory())
        migrate(BEFORE)
        old = models_at(BEFORE)
        # The database as registrations/ left it: its content type, a permission on it held by
        # a group of organisers, a log entry, a group with countries and an edition choosing it.
        made.old_type = ContentType.objects.get(app_label="registrations", model="countrygroup")
        made.events_type_before = ContentType.objects.filter(app_label="events", model="countrygroup")
        made.events_type_before = made.events_type_before.exists()
        made.benelux = old.get_model("registrations", "CountryGroup").objects.create(
            name="Benelux", countries=["BE", "NL", "LU"]
        )
        Edition.objects.filter(pk=made.edition.pk).update(registration_group_id=made.benelux.pk)
        organisers = Group.objects.create(name="Eligibility editors")
        organisers.permissions.add(Permission.objects.get(codename="change_countrygroup"))
        made.editor = User.objects.create(username="editor", is_staff=True)
        made.editor.groups.add(organisers)
        LogEntry.objects.create(
            user=made.editor,
            content_type_id=made.old_type.pk,
            object_id=str(made.benelux.pk),
            object_repr="Benelux",
            action_flag=CHANGE,
        )

        # Hosts as events/0012 left them, with the kinds of their own list, and their history.
        migrate(AFTER)
        old = models_at(AFTER)
        OldHost = old.get_model("events", "Host")
        made.authority, made.cluster, made.region = (
            OldHost.objects.create(name=name, slug=slug, kind=kind)
            for name, slug, kind in [
                ("Region of Murcia", "murcia", "regional_authority"),
                ("A cluster", "cluster", "cluster_organisation"),
                ("Lapland", "lapland", "region"),
            ]
        )
        old.get_model("events", "HistoricalHost").objects.create(
            id=made.authority.pk, name=made.authority.name, slug="murcia", kind="regional_authority",
            history_date="2025-01-01T00:00:00Z", history_type="+",
        )  # fmt: skip
        migrate()
        yield made


@pytest.mark.django_db
def test_moving_country_groups_to_events_keeps_groups_editions_permissions_and_log_entries(migrated):
    assert not migrated.events_type_before
    group = CountryGroup.objects.get(pk=migrated.benelux.pk)
    assert [c.code for c in group.countries] == ["BE", "LU", "NL"]
    assert Edition.objects.get(pk=migrated.edition.pk).registration_group == group
    content_type = ContentType.objects.get_for_model(CountryGroup)
    assert content_type.pk == migrated.old_type.pk
    assert not ContentType.objects.filter(app_label="registrations", model="countrygroup").exists()
    assert User.objects.get(pk=migrated.editor.pk).has_perm("events.change_countrygroup")
    assert LogEntry.objects.get(object_repr="Benelux").get_edited_object() == group


@pytest.mark.django_db
def test_hosts_kinds_take_the_one_lists_values_in_their_history_too(migrated):
    kinds = dict(Host.objects.values_list("slug", "kind"))
    assert kinds == {
        migrated.authority.slug: OrganisationKind.AUTHORITY,
        migrated.cluster.slug: OrganisationKind.CLUSTER,
        migrated.region.slug: OrganisationKind.REGION,
    }
    assert Host.history.get(slug="murcia").kind == OrganisationKind.AUTHORITY
    assert Host.objects.get(slug="murcia").get_kind_display() == "Local or regional authority"
