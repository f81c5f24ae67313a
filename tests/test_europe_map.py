"""The archive's map of Europe (events/europe_map.py) and the outline it is drawn on."""

import datetime
import io
import json
import re

import pytest
from django.core.management import call_command

from events import europe_map

from .factories import EditionFactory

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
    start = html.index("<svg viewBox=\"0 0 {}".format(europe_map.WIDTH))
    svg = html[start : html.index("</svg>", start)]
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
