"""The series as a whole: hosts, partners and speakers across editions, open data, after the event."""

import csv
import datetime
import io
import json
import re

import pytest
from django.core.management import call_command

from events import europe_map
from events.models import EditionHost, EditionSpeaker, Partnership, Recording, Summary

from .factories import EditionFactory, HostFactory, PartnerFactory, SpeakerFactory

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


def test_open_data_publishes_every_public_edition_in_a_stable_order(client, archive):
    EditionFactory(status="draft", slug="hidden-draft")
    data = client.get("/editions.json").json()
    slugs = [e["slug"] for e in data["editions"]]
    assert data["count"] == len(slugs) == 19 and "hidden-draft" not in slugs
    keys = [(e["start_date"], e["slug"]) for e in data["editions"]]
    assert keys == sorted(keys)
    charleroi = next(e for e in data["editions"] if e["slug"] == "charleroi-2024")
    assert charleroi["start_date"] == "2024-11-27" and charleroi["end_date"] == "2024-11-28"
    assert charleroi["country"] == "BE" and charleroi["city"] == "Charleroi"
    assert charleroi["url"] == "http://127.0.0.1:8000/editions/charleroi-2024/"
    assert list(charleroi) == data["fields"]

    response = client.get("/editions.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["slug"] for r in rows] == slugs
    assert rows[slugs.index("charleroi-2024")]["start_date"] == "2024-11-27"
    assert client.get("/editions.json").content == client.get("/editions.json").content


def test_csv_cells_never_start_a_spreadsheet_formula(client):
    EditionFactory(title='=HYPERLINK("https://evil.example")', city="+cmd|' /C calc'!A0")
    [row] = csv.DictReader(io.StringIO(client.get("/editions.csv").content.decode()))
    assert row["title"] == '\'=HYPERLINK("https://evil.example")'
    assert row["city"].startswith("'+")


def test_after_the_event_the_page_leads_with_the_summary_and_points_ahead(client, at):
    at(2025, 3, 1, 12, 0)
    past = EditionFactory(start_date=datetime.date(2024, 11, 27), title="Charleroi")
    summary = Summary.objects.create(edition=past, body="We met **130** people.", participants=130)
    summary.countries = 21
    summary.save()
    Recording.objects.create(summary=summary, title="Opening session", url="https://example.org/video")
    EditionFactory(start_date=datetime.date(2025, 5, 6), title="The next one", slug="next-one")
    html = client.get(past.get_absolute_url()).content.decode()
    lead = html.index('id="after-the-event"')
    assert lead < html.index('class="edition-layout"')
    assert "130" in html and "21" in html and "Opening session" in html
    assert 'The next edition: <a href="/editions/next-one/">The next one</a>' in html


def test_before_the_event_there_is_no_summary_block(client, at):
    at(2024, 11, 1, 12, 0)
    upcoming = EditionFactory(start_date=datetime.date(2024, 11, 27))
    Summary.objects.create(edition=upcoming, body="Written early.")
    assert 'id="after-the-event"' not in client.get(upcoming.get_absolute_url()).content.decode()


def test_the_archive_map_has_a_marker_per_place_linking_to_its_editions(client, at):
    at(2025, 3, 1, 12, 0)
    krakow = EditionFactory(title="Kraków", city="Kraków", country="PL", latitude=50.0647, longitude=19.945)
    earlier = EditionFactory(
        title="Kraków again", city="Kraków", country="PL", latitude=50.0647, longitude=19.945,
        start_date=datetime.date(2020, 5, 1),
    )  # fmt: skip
    malaga = EditionFactory(title="Málaga", city="Málaga", country="ES", latitude=36.7213, longitude=-4.4214)
    EditionFactory(title="Somewhere", latitude=None, longitude=None)
    EditionFactory(title="New York", latitude=40.71, longitude=-74.0)  # off the map
    html = client.get("/editions/").content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert svg.count("<circle") == 2
    assert f'<a href="{krakow.get_absolute_url()}" aria-label="Kraków, Poland: Kraków; Kraków again">' in svg
    assert f'href="{malaga.get_absolute_url()}"' in svg and earlier.get_absolute_url() not in svg
    # Each marker sits where its coordinates project; Kraków lies east and north of Málaga.
    kx, ky = europe_map.project(50.0647, 19.945)
    mx, my = europe_map.project(36.7213, -4.4214)
    assert f'<circle cx="{kx:.1f}" cy="{ky:.1f}"' in svg and f'<circle cx="{mx:.1f}" cy="{my:.1f}"' in svg
    assert kx > mx and ky < my
    assert "3 of these editions on the map" in html
    # The map follows the filters.
    filtered = client.get("/editions/?country=ES").content.decode()
    assert filtered.count("<circle") == 1 and "1 of these edition on the map" in filtered


def test_europe_outline_turns_topojson_into_projected_paths(tmp_path):
    # A square around Brussels, and one far away in the Pacific that is left out.
    topology = {
        "type": "Topology",
        "transform": {"scale": [1, 1], "translate": [0, 0]},
        "objects": {
            "countries": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "arcs": [[0]]},
                    {"type": "Polygon", "arcs": [[1]]},
                ],
            }
        },
        "arcs": [[[2, 49], [6, 0], [0, 4], [-6, 0], [0, -4]], [[-170, -10], [5, 0], [0, 5], [-5, 0]]],
    }
    source, output = tmp_path / "world.json", tmp_path / "outline.svg"
    source.write_text(json.dumps(topology))
    call_command("europe_outline", str(source), "--output", str(output), stdout=io.StringIO())
    paths = re.findall(r'<path d="([^"]+)"/>', output.read_text())
    assert len(paths) == 1
    x, y = europe_map.project(49, 2)
    assert paths[0].startswith(f"M{round(x)} {round(y)}L") and paths[0].endswith("Z")
