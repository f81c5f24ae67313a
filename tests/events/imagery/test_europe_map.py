"""The archive's map of Europe (events/imagery/europe_map.py) and the outline it is drawn on."""

import datetime
import io
import json
import re

import pytest
from django.core.management import call_command

from events.imagery import europe_map
from tests.factories import EditionFactory
from tests.pages import archive_map

pytestmark = pytest.mark.django_db


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
    svg = archive_map(html)
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
    assert archive_map(filtered).count("<circle") == 1 and "1 of these edition on the map" in filtered


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


def test_places_close_together_share_a_marker_with_a_count_and_every_place_is_listed(client, at):
    at(2025, 3, 1, 12, 0)
    brussels = EditionFactory(title="Brussels", city="Brussels", latitude=50.85045, longitude=4.34878)
    EditionFactory(title="Charleroi", city="Charleroi", latitude=50.41136, longitude=4.44448)
    EditionFactory(title="Kraków", city="Kraków", country="PL", latitude=50.06143, longitude=19.93658)
    EditionFactory(title="Katowice", city="Katowice", country="PL", latitude=50.2597, longitude=19.02173)
    lyon = EditionFactory(title="Lyon", city="Lyon", country="FR", latitude=45.74906, longitude=4.84789)
    html = client.get("/editions/").content.decode()
    svg = archive_map(html)
    # Three markers: two groups with a count and Lyon; each marker has a visible label.
    assert svg.count("<circle") == 3 and svg.count('<text class="count"') == 2
    assert (
        ">Brussels, Charleroi</text>" in svg and ">Katowice, Kraków</text>" in svg and ">Lyon</text>" in svg
    )
    assert f'<a href="{lyon.get_absolute_url()}"' in svg
    # A group links to its places in the list beside the map, which names every place and edition.
    group = svg[svg.index('<a class="group"') :]
    anchor = group[group.index('href="#') + 7 : group.index('"', group.index('href="#') + 7)]
    places = html[html.index('<ul class="map-places">') :]
    assert (
        f'<li id="{anchor}"><strong>Brussels, Belgium</strong>: <a href="{brussels.get_absolute_url()}">'
        in places
    )
    for name in ("Charleroi, Belgium", "Katowice, Poland", "Kraków, Poland", "Lyon, France"):
        assert f"<strong>{name}</strong>" in places
    # The map comes after the list in the page, so phones reach it after the editions.
    assert html.index('class="archive-list"') < html.index('class="archive-map"')


def test_the_map_disappears_when_nothing_is_located(client, at):
    at(2025, 3, 1, 12, 0)
    EditionFactory(title="Somewhere", latitude=None, longitude=None)
    html = client.get("/editions/").content.decode()
    assert "Somewhere" in html and archive_map(html) == ""


def test_a_label_that_would_cover_a_neighbouring_marker_is_written_on_the_other_side():
    def marker(x, name):
        return europe_map.Marker(x, 300.0, [europe_map.Place(x, 300.0, name, name)])

    crowded, neighbour, alone = (
        marker(500.0, "Brussels, Charleroi"),
        marker(600.0, "Prague"),
        marker(900.0, "Iași"),
    )
    europe_map.place_labels([crowded, neighbour, alone])
    # Right of its marker, "Brussels, Charleroi" would run over Prague's: it goes left.
    assert crowded.label_left and not neighbour.label_left and not alone.label_left
    x0, _, x1, _ = crowded.label_box(left=True)
    assert x1 < crowded.x - crowded.radius and x0 > 0
