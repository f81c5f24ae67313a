"""Item 10: places raised in the admin go at once to those waiting, in line, as a freed place does."""

import pytest
from django.contrib.messages import get_messages

from registrations import flow
from registrations.models import Registration
from tests.adminforms import form_data
from tests.registrations_helpers import on_site_edition, run_worker

# Transactional: the worker (db_worker) closes the connection when its batch is done.
pytestmark = pytest.mark.django_db(transaction=True)


def confirmed(edition, name):
    registration = flow.create(
        edition, name=name, email=f"{name}@example.org", organisation="O", country="BE", kind="cluster"
    )
    return flow.confirm(registration.pk)


def test_raising_the_places_offers_them_to_the_first_in_line_and_a_newcomer_waits(admin_client, smtp_server):
    edition = on_site_edition(registration_places=2)
    for name in ("ana", "bob", "cy", "dan", "eva"):
        confirmed(edition, name)
    run_worker()
    smtp_server.messages.clear()
    status = dict(Registration.objects.values_list("name", "status"))
    assert status == {
        "ana": "approved",
        "bob": "approved",
        "cy": "waiting",
        "dan": "waiting",
        "eva": "waiting",
    }

    url = f"/admin/events/edition/{edition.pk}/change/"
    data = form_data(admin_client.get(url))
    data["registration_places"] = "4"
    response = admin_client.post(url, data)
    assert response.status_code == 302
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("2 places were offered by e-mail to the first in the waiting line" in m for m in said)

    status = dict(Registration.objects.values_list("name", "status"))
    assert status == {
        "ana": "approved",
        "bob": "approved",
        "cy": "offered",
        "dan": "offered",
        "eva": "waiting",
    }
    run_worker()
    assert [m["Subject"] for m in smtp_server.messages] == [f"A place is free for you: {edition.title}"] * 2
    assert {m["To"] for m in smtp_server.messages} == {"cy@example.org", "dan@example.org"}

    assert confirmed(edition, "fay").status == "waiting"  # the new places are taken: in line behind Eva
    line = Registration.objects.filter(edition=edition).waiting_in_line()
    assert list(line.values_list("name", flat=True)) == ["eva", "fay"]


def test_saving_an_edition_without_changing_its_places_offers_nothing(admin_client, smtp_server):
    edition = on_site_edition(registration_places=1)
    for name in ("ana", "bob"):
        confirmed(edition, name)
    url = f"/admin/events/edition/{edition.pk}/change/"
    assert admin_client.post(url, form_data(admin_client.get(url))).status_code == 302
    assert Registration.objects.get(name="bob").status == "waiting"
