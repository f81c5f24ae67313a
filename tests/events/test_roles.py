"""Who runs which edition: organisers every one, a host team its own (events.roles, managed_by)."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group, User

from events.models import Edition, EditionStatus
from events.roles import ORGANISERS, is_organiser
from tests.factories import EditionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editions():
    return {
        "malaga": EditionFactory(slug="malaga"),
        "vilnius": EditionFactory(slug="vilnius", status=EditionStatus.DRAFT),
        "zagreb": EditionFactory(slug="zagreb", status=EditionStatus.DRAFT),
    }


def staff(username, *, group=None, superuser=False):
    user = User.objects.create_user(username, is_staff=True, is_superuser=superuser)
    if group:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


def slugs(queryset):
    return sorted(queryset.values_list("slug", flat=True))


def test_organisers_and_superusers_manage_every_edition(editions):
    for user in (staff("olga", group=ORGANISERS), staff("root", superuser=True)):
        assert is_organiser(user)
        assert slugs(Edition.objects.managed_by(user)) == ["malaga", "vilnius", "zagreb"]


def test_a_team_member_manages_their_editions_only_and_previews_only_their_drafts(editions):
    vera = staff("vera")
    editions["vilnius"].team.add(vera, staff("viktor"))
    assert not is_organiser(vera)
    assert slugs(Edition.objects.managed_by(vera)) == ["vilnius"]
    # Each edition once, though its team has two members; the other team's draft stays hidden.
    assert list(Edition.objects.visible_to(vera).order_by("slug").values_list("slug", flat=True)) == [
        "malaga",
        "vilnius",
    ]


def test_without_staff_status_or_an_account_nobody_manages_anything(editions):
    former = User.objects.create_user("former", is_staff=False)
    editions["vilnius"].team.add(former)
    former.groups.add(Group.objects.get_or_create(name=ORGANISERS)[0])
    for user in (former, AnonymousUser()):
        assert not is_organiser(user)
        assert slugs(Edition.objects.managed_by(user)) == []
        assert slugs(Edition.objects.visible_to(user)) == ["malaga"]
