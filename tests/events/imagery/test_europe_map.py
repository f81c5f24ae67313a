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
    EditionFactory(title="Somewhere in Spain", country="ES", latitude=None, longitude=None)
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
    assert "3 of the 6 editions are on the map." in html
    # The map follows the filters, and counts in words that agree with the numbers.
    filtered = client.get("/editions/?country=ES").content.decode()
    assert archive_map(filtered).count("<circle") == 1 and "1 of the 2 editions is on the map." in filtered
    assert "All 2 editions are on the map." in client.get("/editions/?country=PL").content.decode()
    assert "The edition is on the map." in client.get("/editions/?country=ES&q=malaga").content.decode()


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


def test_points_pulled_in_to_the_margin_along_one_edge_become_one_line(tmp_path):
    # A ring from Brussels out to far Siberia and back: its eastern points are all pulled in to the
    # margin's edge, where only the two ends of the run are kept (arcs count from the point before).
    east = [[100, 0], [0, 2], [0, 2], [0, 2], [0, 2], [-100, 0]]
    topology = {
        "type": "Topology",
        "transform": {"scale": [1, 1], "translate": [0, 0]},
        "objects": {
            "countries": {"type": "GeometryCollection", "geometries": [{"type": "Polygon", "arcs": [[0]]}]}
        },
        "arcs": [[[4, 50], *east, [0, -8]]],
    }
    source, output = tmp_path / "world.json", tmp_path / "outline.svg"
    source.write_text(json.dumps(topology))
    call_command("europe_outline", str(source), "--output", str(output), stdout=io.StringIO())
    (path,) = re.findall(r'<path d="M([^"]+)Z"/>', output.read_text())
    points = [tuple(map(int, p.split())) for p in path.split("L")]
    corner = {
        (lat, lon): tuple(round(v) for v in europe_map.project(lat, lon))
        for lat in (50, 58)
        for lon in (4, 57)
    }
    assert points == [corner[50, 4], corner[50, 57], corner[58, 57], corner[58, 4], corner[50, 4]]


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
        f'<li id="{anchor}"><strong>Brussels, Belgium</strong> <a href="{brussels.get_absolute_url()}"'
        in places
    )
    for name in ("Charleroi, Belgium", "Katowice, Poland", "Kraków, Poland", "Lyon, France"):
        assert f"<strong>{name}</strong>" in places
    # The map and its places come before the editions: on a phone, one screen down, not ten.
    assert html.index('class="archive-map"') < html.index('class="archive-list"')


def test_the_map_disappears_when_nothing_is_located(client, at):
    at(2025, 3, 1, 12, 0)
    EditionFactory(title="Somewhere", latitude=None, longitude=None)
    html = client.get("/editions/").content.decode()
    assert "Somewhere" in html and archive_map(html) == ""


def marker(x, name, y=300.0):
    return europe_map.Marker(x, y, [europe_map.Place(x, y, name, name)])


def test_a_label_that_would_cover_a_neighbouring_marker_is_written_on_the_other_side():
    crowded, neighbour, alone = (
        marker(500.0, "Brussels, Charleroi"),
        marker(700.0, "Prague"),
        marker(900.0, "Iași"),
    )
    size = 20.0
    labels = europe_map.place_labels([crowded, neighbour, alone], size)
    # Right of its marker, "Brussels, Charleroi" would run over Prague's: it goes left.
    assert [label.side for label in labels] == ["left", "right", "right"]
    assert [label.anchor for label in labels] == ["left", "", ""]
    x0, _, x1, _ = crowded.label_box(size, "left")
    assert x1 < crowded.x - crowded.radius and x0 > 0
    assert labels[0].dx == -(crowded.radius + 4) and labels[1].dx == neighbour.radius + 4


def test_no_label_is_written_where_another_marker_would_claim_it():
    # Düsseldorf, Prague and Kraków as they lie on the map: Prague's label, level with its marker
    # on the left, would end beside Düsseldorf's; on the right it would run into Kraków's.
    dusseldorf, prague, krakow = (
        marker(454.0, "Düsseldorf", 470.5),
        marker(563.2, "Prague", 496.8),
        marker(635.5, "Kraków", 495.2),
    )
    found = [dusseldorf, prague, krakow]
    size = 25.7
    labels = europe_map.place_labels(found, size)
    for each, label in zip(found, labels, strict=True):
        box = each.label_box(size, label.side, label.shift)
        assert not europe_map.crowding(box, each, found, size), each.label


def test_on_a_phone_a_label_that_cannot_be_written_clearly_is_left_to_the_list():
    names = ["Charleroi", "Düsseldorf", "Lyon", "Milan", "Prague"]
    close = [marker(500.0 + 30 * (i % 2), name, 300.0 + 30 * (i // 2)) for i, name in enumerate(names)]
    labels = europe_map.place_labels(close, 40.0, fewer=True)
    assert None in labels and any(labels)
    assert all(label is None or label.size == 40.0 for label in labels)


def test_the_map_shows_the_part_of_europe_its_places_need_with_labels_of_12_px_or_more(client, at):
    at(2025, 3, 1, 12, 0)
    EditionFactory(city="Málaga", country="ES", latitude=36.7213, longitude=-4.4214)
    EditionFactory(city="Kittilä", country="FI", latitude=67.65, longitude=24.91)
    EditionFactory(city="Burgas", country="BG", latitude=42.51, longitude=27.47)
    svg = archive_map(client.get("/editions/").content.decode())
    x, y, width, height = (float(v) for v in re.search(r'viewBox="([^"]+)"', svg)[1].split())
    # Iceland and the Atlantic are left out: the map is drawn larger than the whole of Europe would be.
    assert x > 0 and width < europe_map.WIDTH and height <= europe_map.HEIGHT
    wide = [float(v) for v in re.findall(r'class="label wide[^"]*"[^>]*font-size="([\d.]+)"', svg)]
    narrow = [float(v) for v in re.findall(r'class="label narrow[^"]*"[^>]*font-size="([\d.]+)"', svg)]
    assert len(wide) == 3 and narrow
    # Drawn at its narrowest in each layout (a 375 px phone; three fifths of the page from 60rem).
    assert min(narrow) * europe_map.NARROW_PX / width >= 12
    assert min(wide) * europe_map.WIDE_PX / width >= 12
    # One place alone is still shown within a recognisable part of Europe.
    at(2025, 3, 2, 12, 0)
    alone = archive_map(client.get("/editions/?country=BG").content.decode())
    assert float(re.search(r'viewBox="([^"]+)"', alone)[1].split()[2]) >= europe_map.MIN_SPAN
