"""The register page: the edition's group's countries only, kept rendered per process, live counts."""

import re

import pytest
from django.test import Client
from django_countries import countries

from events.models import CountryGroup
from registrations.models import Registration
from tests.registrations_helpers import on_site_edition

pytestmark = pytest.mark.django_db


def url(edition):
    return f"/editions/{edition.slug}/register/"


def offered(response):
    """The country codes the <select> offers, the placeholder left out."""
    select = re.search(r'<select name="country".*?</select>', response.content.decode(), re.S).group(0)
    return [code for code in re.findall(r'<option value="(\w*)"', select) if code]


def form(country="BE", **fields):
    return {
        "name": "Ana Example",
        "email": "ana@example.org",
        "organisation": "A cluster",
        "country": country,
        "kind": "cluster",
        "consent": "on",
        "website": "",
        **fields,
    }


def test_the_form_lists_only_the_countries_of_the_editions_group_and_says_who_is_eligible(client, eu_group):
    response = client.get(url(on_site_edition(registration_group=eu_group, eligibility="Clusters only.")))
    assert response.status_code == 200
    assert sorted(offered(response)) == sorted(country.code for country in eu_group.countries)
    assert len(offered(response)) == 27
    assert '<option value="BE">Belgium</option>' in response.content.decode()
    assert "Norway" not in response.content.decode()
    assert b"Open to participants from the EU member states: Austria, Belgium, Bulgaria," in response.content
    assert b"Spain and Sweden." in response.content
    assert b"The list holds only the EU member states." in response.content
    assert b"Clusters only." in response.content


def test_without_a_group_every_country_is_listed(client):
    response = client.get(url(on_site_edition()))
    assert len(offered(response)) == len(countries)
    assert "NO" in offered(response)


def test_a_second_visit_costs_the_revision_twice_and_one_count(client, eu_group, django_assert_num_queries):
    edition = on_site_edition(registration_group=eu_group)
    client.get(url(edition))  # renders the page this process then keeps
    # The content revision (for the edition, then the page) and the places and waiting list at once.
    with django_assert_num_queries(3):
        response = client.get(url(edition))
    assert response.status_code == 200


def test_the_kept_page_shows_the_places_left_now(client, eu_group):
    edition = on_site_edition(registration_group=eu_group)
    assert b"2 places left." in client.get(url(edition)).content
    Registration.objects.create(
        edition=edition, name="Bo", email="bo@example.org", organisation="O", country="FR", kind="agency",
        status=Registration.Status.APPROVED,
    )  # fmt: skip
    assert b"1 place left." in client.get(url(edition)).content


def test_each_visitor_gets_a_csrf_token_of_their_own_that_the_form_accepts(eu_group):
    edition = on_site_edition(registration_group=eu_group)
    tokens = []
    for email in ("ana@example.org", "bo@example.org"):
        visitor = Client(enforce_csrf_checks=True)
        page = visitor.get(url(edition)).content.decode()
        (token,) = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        tokens.append(token)
        response = visitor.post(url(edition), form(email=email, csrfmiddlewaretoken=token))
        assert response.status_code == 200
        assert b"Check your inbox" in response.content
    assert tokens[0] != tokens[1]
    assert Registration.objects.count() == 2


def test_a_group_changed_in_the_admin_changes_the_list_at_once(client, eu_group):
    edition = on_site_edition(registration_group=eu_group)
    client.get(url(edition))
    group = CountryGroup.objects.get(pk=eu_group.pk)
    group.countries = ["BE", "NL", "LU"]
    group.name = "Benelux"
    group.save()
    response = client.get(url(edition))
    assert offered(response) == ["BE", "LU", "NL"]  # in the order of their names
    assert b"participants from the Benelux" in response.content


def test_a_country_outside_the_group_is_refused_with_the_reason_and_an_unknown_code_plainly(client, eu_group):
    edition = on_site_edition(registration_group=eu_group)
    response = client.post(url(edition), form(country="NO"))
    assert response.status_code == 400
    assert b"EU member states only" in response.content and b"Norway" in response.content
    assert len(offered(response)) == 27
    response = client.post(url(edition), form(country="XX"))
    assert response.status_code == 400
    assert b"Select a valid choice" in response.content
    assert not Registration.objects.exists()


def test_a_refused_form_keeps_the_chosen_country_selected(client, eu_group):
    edition = on_site_edition(registration_group=eu_group)
    response = client.post(url(edition), form(country="PT", email="not an address"))
    assert response.status_code == 400
    assert '<option value="PT" selected>Portugal</option>' in response.content.decode()
