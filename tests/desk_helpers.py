"""Shared steps for the desk's tests: organisers and team members, editions with something waiting."""

import datetime

from django.contrib.auth.models import Group, Permission, User
from django.utils.timezone import now as utc_now

from events.models import Approval
from events.roles import ORGANISERS
from registrations.models import Message, Registration
from tests.factories import ApplicationFactory
from tests.registrations_helpers import on_site_edition

Status = Registration.Status
# What an organiser or a team member needs to see what waits (the desk's roles grant more).
SEES = ["registrations.view_registration", "hosting.view_application", "events.change_edition"]


def person(username, *, organiser=False, email=None, perms=SEES):
    user = User.objects.create_user(
        username, email=f"{username}@example.org" if email is None else email, is_staff=True
    )
    user.user_permissions.set(
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codename in (perm.split(".") for perm in perms)
    )
    if organiser:
        user.groups.add(Group.objects.get_or_create(name=ORGANISERS)[0])
    return User.objects.get(pk=user.pk)  # no cached permissions


def register(edition, status, n=1):
    start = Registration.objects.count()
    return [
        Registration.objects.create(
            edition=edition,
            name=f"Person {start + i}",
            email=f"p{start + i}@example.org",
            organisation="A cluster",
            country="BE",
            kind="cluster",
            status=status,
            queued_at=utc_now() if status == Status.WAITING else None,
            offer_expires_at=utc_now() + datetime.timedelta(days=2) if status == Status.OFFERED else None,
        )
        for i in range(n)
    ]


def busy_edition(title="Clusters meet Regions: Porto 2030", **fields):
    """3 places: 1 approved, 2 pending, 1 waiting, 1 e-mail that failed yesterday."""
    edition = on_site_edition(
        title=title, registration_places=3, registration_approval=Approval.INDIVIDUAL, **fields
    )
    (approved,) = register(edition, Status.APPROVED)
    register(edition, Status.PENDING, 2)
    register(edition, Status.WAITING)
    Message.objects.create(
        registration=approved, kind="approved", failed_at=utc_now() - datetime.timedelta(days=1)
    )
    return edition


def confirmed_application(**fields):
    fields = {"confirmed_at": utc_now(), **fields}
    return ApplicationFactory(
        organisation="Agencja Rozwoju",
        kind="innovation_agency",
        proposed_start=datetime.date(2031, 10, 12),
        proposed_end=datetime.date(2031, 10, 13),
        motivation="We want to meet.",
        support_letter="letters/x.pdf",
        **fields,
    )
