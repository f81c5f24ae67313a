"""Hosts, partners and speakers with the public editions they took part in (views/directory.py)."""

import datetime

import pytest

from events.models import EditionHost, EditionSpeaker, Partnership
from tests.factories import EditionFactory, HostFactory, PartnerFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


def test_hosts_page_lists_every_host_with_its_editions(client, archive):
    html = client.get("/hosts/").content.decode()
    assert '<a href="/hosts/charleroi-metropole/">' in html
    page = client.get("/hosts/charleroi-metropole/").content.decode()
    assert 'href="/editions/charleroi-2024/"' in page


def test_a_host_partner_or_speaker_page_lists_every_public_edition_they_took_part_in(client):
    host, partner, speaker = HostFactory(), PartnerFactory(), SpeakerFactory()
    public = [EditionFactory(start_date=datetime.date(2020 + n, 3, 1)) for n in range(3)]
    draft = EditionFactory(status="draft", title="A draft")
    for edition in [*public, draft]:
        EditionHost.objects.create(edition=edition, host=host)
        Partnership.objects.create(edition=edition, partner=partner)
        EditionSpeaker.objects.create(edition=edition, speaker=speaker)
    for obj in (host, partner, speaker):
        html = client.get(obj.get_absolute_url()).content.decode()
        assert [e.title for e in public[::-1]] == [e.title for e in public[::-1] if e.title in html]
        positions = [html.index(e.get_absolute_url()) for e in public[::-1]]
        assert positions == sorted(positions), "newest first"
        assert "A draft" not in html
    # The edition page links to them.
    edition_page = client.get(public[0].get_absolute_url()).content.decode()
    for obj in (host, partner, speaker):
        assert f'href="{obj.get_absolute_url()}"' in edition_page


def test_someone_with_no_public_edition_has_no_page(client):
    lonely = SpeakerFactory()
    EditionSpeaker.objects.create(edition=EditionFactory(status="draft"), speaker=lonely)
    assert client.get(lonely.get_absolute_url()).status_code == 404
    assert client.get("/hosts/no-such-host/").status_code == 404


def test_host_regions_lists_every_place_hosted_by_country_with_its_organisation_where_known(client, archive):
    html = client.get("/hosts/").content.decode()
    main = html.split("<main")[1].split("</main>")[0]
    # Every place an edition was held, not only the one host organisation the archive names.
    for place in ("Kraków", "Katowice", "Kittilä, Lapland", "Skåne", "Charleroi, Wallonia", "Brussels"):
        assert f'<p class="host-place">{place}</p>' in main, place
    assert "17 places in 14 countries have hosted an edition" in main
    assert main.index('<h2 id="country-1">Belgium</h2>') < main.index(">Sweden</h2>")
    charleroi = main.split('<p class="host-place">Charleroi, Wallonia</p>')[1].split("</li>")[0]
    assert 'Hosted by <a href="/hosts/charleroi-metropole/">Charleroi Metropole</a>' in charleroi
    # An online talk is hosted nowhere.
    assert "meta-cluster" not in main


def test_a_cancelled_edition_hosted_nothing(client):
    EditionFactory(city="Ghent", status="cancelled")
    held = EditionFactory(city="Liège")
    html = client.get("/hosts/").content.decode()
    assert "Ghent" not in html and f'href="{held.get_absolute_url()}"' in html
    assert "1 place in 1 country has hosted an edition" in html
