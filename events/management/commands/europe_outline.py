"""Writes templates/includes/_europe_outline.svg from Natural Earth's countries.

    npm install world-atlas@2.0.2
    python manage.py europe_outline node_modules/world-atlas/countries-110m.json

world-atlas is Natural Earth (public domain) as TopoJSON. Points far outside
the map are pulled in to a margin around it, and a run of them along the
margin's edge becomes one line, which keeps the file small without changing
what the map shows.
"""

import json
import math
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from events.imagery import europe_map as m

MARGIN = 12.0  # degrees beyond the map where outside points are pulled in
SIMPLIFY = 3  # viewBox units (the map is 1000 wide)


def decode_arcs(topology):
    scale_x, scale_y = topology["transform"]["scale"]
    shift_x, shift_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def ring(arcs, indexes):
    points = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def near(lon, lat):
    return m.WEST - MARGIN <= lon <= m.EAST + MARGIN and m.SOUTH - MARGIN <= lat <= m.NORTH + MARGIN


def on_a_straight_edge(a, b, c):
    """Whether b lies between a and c on one vertical or horizontal line: a point pulled in to the
    margin between two others that were, which the line from a to c draws as well."""
    if a[0] == b[0] == c[0]:
        return min(a[1], c[1]) <= b[1] <= max(a[1], c[1])
    if a[1] == b[1] == c[1]:
        return min(a[0], c[0]) <= b[0] <= max(a[0], c[0])
    return False


def path_for(rings):
    parts = []
    for points in rings:
        if not any(near(lon, lat) for lon, lat in points):
            continue
        projected = []
        for lon, lat in points:
            # Russia's far east crosses the antimeridian: keep it east, off the map.
            lon = lon + 360 if lon < -100 else lon
            lon = min(max(lon, m.WEST - MARGIN), m.EAST + MARGIN)
            lat = min(max(lat, m.SOUTH - MARGIN), m.NORTH + MARGIN)
            x, y = m.project(lat, lon)
            xy = (round(x), round(y))
            # Drop points closer than SIMPLIFY to the last one kept: invisible at this size.
            if not projected or math.dist(projected[-1], xy) >= SIMPLIFY:
                projected.append(xy)
                while len(projected) >= 3 and on_a_straight_edge(*projected[-3:]):
                    del projected[-2]
        if len(projected) > 2:
            parts.append("M" + "L".join(f"{x} {y}" for x, y in projected) + "Z")
    return "".join(parts)


class Command(BaseCommand):
    help = "Build the map outline of Europe from world-atlas's countries TopoJSON."

    def add_arguments(self, parser):
        parser.add_argument("topojson")
        parser.add_argument(
            "--output",
            default=str(Path(settings.BASE_DIR) / "templates" / "includes" / "_europe_outline.svg"),
        )

    def handle(self, topojson, output, **options):
        topology = json.loads(Path(topojson).read_text())
        arcs = decode_arcs(topology)
        paths = []
        for country in topology["objects"]["countries"]["geometries"]:
            polygons = country.get("arcs", [])
            if country["type"] == "Polygon":
                polygons = [polygons]
            rings = [ring(arcs, r) for polygon in polygons for r in polygon]
            d = path_for(rings)
            if d:
                paths.append(f'<path d="{d}"/>')
        out = Path(output)
        out.write_text(
            "{# Natural Earth 1:110m countries (public domain) via world-atlas 2.0.2; "
            "made by `manage.py europe_outline`. #}\n" + "\n".join(paths) + "\n"
        )
        self.stdout.write(f"Wrote {len(paths)} countries, {out.stat().st_size} bytes, to {out}")
