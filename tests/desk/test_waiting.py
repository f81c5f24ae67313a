"""What waits (desk/waiting.py) on the admin's index: per edition the user runs, each figure a link
to the admin's list it counts, the applications to host for organisers, in a fixed number of queries."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.timezone import now as utc_now

from desk.waiting import waiting_for
from events.models import Approval, Edition
from events.roles import ORGANISERS
from hosting.models import Application
from registrations.models import Message, Registration
from tests.factories import CallForHostsFactory
from tests.registrations_helpers import on_site_edition

pytestmark = pytest.mark.django_db
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


def waiting_section(page):
    """The index's "What waits", apart from the rest (the content still to do names editions too)."""
    html = page.content.decode()
    return html.split('id="waiting-title"')[1].split("</section>")[0] if 'id="waiting-title"' in html else ""


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
    return Application.objects.create(
        call=CallForHostsFactory(),
        organisation="Agencja Rozwoju",
        kind="innovation_agency",
        region="Lesser Poland",
        country="PL",
        contact_name="Anna Nowak",
        email="anna@example.org",
        proposed_start=datetime.date(2031, 10, 12),
        proposed_end=datetime.date(2031, 10, 13),
        city="Kraków",
        motivation="We want to meet.",
        partners="The Marshal's Office.",
        support_letter="letters/x.pdf",
        **fields,
    )


def test_the_index_shows_an_organiser_what_waits_per_current_edition_each_figure_a_link(client):
    edition = busy_edition()
    past = busy_edition(title="Clusters meet Regions: Past", start_date=datetime.date(2020, 4, 24))
    confirmed_application()
    confirmed_application(confirmed_at=None)  # not confirmed yet: nothing to review
    client.force_login(person("olga", organiser=True))
    page = waiting_section(client.get("/admin/"))
    assert edition.title in page
    assert past.title not in page  # over: nothing of it waits
    listed = f"/admin/registrations/registration/?edition__id__exact={edition.pk}"
    figures = {
        "2 requests awaiting approval": (f"{listed}&amp;status__exact=pending", 2),
        "1 e-mail not delivered": (f"{listed}&amp;delivery=failed", 1),
        "2 places left": (f"{listed}&amp;status__exact=approved", 1),
        "1 person waiting": (f"{listed}&amp;status__exact=waiting", 1),
    }
    for text, (url, count) in figures.items():
        assert f'<a href="{url}">{text}</a>' in page
        answer = client.get(url.replace("&amp;", "&"))
        assert answer.context["cl"].result_count == count
    reviews = "/admin/hosting/application/?status__exact=submitted&amp;confirmed=yes"
    assert f'<a href="{reviews}">1 application to host awaiting review</a>' in page
    assert client.get(reviews.replace("&amp;", "&")).context["cl"].result_count == 1


def test_a_team_member_sees_only_their_editions_and_no_applications(client):
    theirs = busy_edition(title="Clusters meet Regions: Ours")
    other = busy_edition(title="Clusters meet Regions: Theirs")
    confirmed_application()
    member = person("tomas")
    theirs.team.add(member)
    client.force_login(member)
    page = waiting_section(client.get("/admin/"))
    assert theirs.title in page and "2 requests awaiting approval" in page
    assert other.title not in page and f"edition__id__exact={other.pk}" not in page
    assert "application" not in page


def test_staff_who_may_not_see_registrations_are_shown_no_figures(client):
    edition = busy_edition()
    member = person("guest", perms=["events.change_edition"])
    edition.team.add(member)
    client.force_login(member)
    assert waiting_section(client.get("/admin/")) == ""


def test_what_waits_costs_the_same_queries_for_one_edition_and_for_many():
    organiser = person("olga", organiser=True)
    busy_edition()

    def queries():
        with CaptureQueriesContext(connection) as captured:
            waiting = waiting_for(User.objects.get(pk=organiser.pk))
        return len(captured), len(waiting.editions)

    few, one = queries()
    for n in range(9):
        busy_edition(title=f"Clusters meet Regions: {n}")
    many, ten = queries()
    assert (one, ten) == (1, 10)
    assert few == many


def test_an_edition_that_waits_for_nothing_is_listed_but_asks_for_nothing():
    organiser = person("olga", organiser=True)
    edition = on_site_edition(registration_places=2)
    register(edition, Status.APPROVED)
    waiting = waiting_for(organiser)
    ((shown,),) = [[e for e in waiting.editions if e.title == edition.title]]
    assert [f.text for f in shown.figures] == ["1 place left"]
    assert not waiting.to_do
    assert Edition.objects.count() == 1
