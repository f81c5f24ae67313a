"""The admin's edition list shows registered / places / waiting (registrations/figures.py, added by
registrations/admin/editions.py) in the list's own query, whatever the number of editions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Edition
from registrations.figures import with_figures
from registrations.models import Registration
from tests.desk_helpers import register
from tests.factories import EditionFactory
from tests.registrations_helpers import on_site_edition

pytestmark = pytest.mark.django_db
Status = Registration.Status
LIST = "/admin/events/edition/"


def test_the_edition_list_shows_registered_places_and_waiting_linked_to_the_registrations(admin_client):
    edition = on_site_edition(title="Clusters meet Regions: Porto 2030", registration_places=40)
    register(edition, Status.APPROVED, 3)
    register(edition, Status.OFFERED)  # holds a place, but is not registered yet
    register(edition, Status.WAITING, 2)
    register(edition, Status.PENDING)
    EditionFactory(title="Clusters meet Regions: Elsewhere")  # registers on another site
    page = admin_client.get(LIST).content.decode()
    assert "Registered / places / waiting" in page
    url = f"/admin/registrations/registration/?edition__id__exact={edition.pk}"
    assert f'<td class="field-figures"><a href="{url}">3 / 40 / 2</a></td>' in page
    assert '<td class="field-figures">—</td>' in page


def test_figures_count_each_kind_once_whatever_else_the_query_joins():
    edition = on_site_edition(registration_places=2)
    register(edition, Status.APPROVED, 2)
    register(edition, Status.WAITING, 3)
    (row,) = with_figures(Edition.objects.filter(themes__isnull=True))
    assert (row.registered, row.waiting, row.places_left, row.pending, row.failed) == (2, 3, 0, 0, 0)


def test_the_edition_list_costs_the_same_queries_for_two_editions_and_for_twenty(admin_client):
    def list_queries():
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(LIST).status_code == 200
        return len(queries)

    for _ in range(2):
        register(on_site_edition(), Status.APPROVED)
    few = list_queries()
    for _ in range(18):
        register(on_site_edition(), Status.WAITING)
    assert list_queries() == few
