"""What waits (desk/waiting.py) on the admin's index: per edition the user runs, each figure a link
to the admin's list it counts, the applications to host for organisers, in a fixed number of queries."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from desk.waiting import waiting_for
from events.models import Edition
from registrations.models import Registration
from tests.desk_helpers import busy_edition, confirmed_application, person, register
from tests.registrations_helpers import on_site_edition

pytestmark = pytest.mark.django_db
Status = Registration.Status


def waiting_section(page):
    """The index's "What waits", apart from the rest (the content still to do names editions too)."""
    html = page.content.decode()
    return html.split('id="waiting-title"')[1].split("</section>")[0] if 'id="waiting-title"' in html else ""


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


def test_none_is_said_in_words_not_as_a_zero():
    organiser = person("olga", organiser=True)
    edition = on_site_edition(registration_places=1)
    register(edition, Status.APPROVED)
    waiting = waiting_for(organiser)
    ((shown,),) = [[e for e in waiting.editions if e.title == edition.title]]
    assert [f.text for f in shown.figures] == ["No places left"]
    assert waiting.applications.text == "No applications to host awaiting review"
    assert not waiting.applications.to_do
