"""Writes events/imagery/data/country_outlines.json: each European country's outline, for edition covers.

    npm install world-atlas@2.0.2
    python manage.py country_outlines node_modules/world-atlas/countries-50m.json

Natural Earth 1:50m (public domain, as TopoJSON in world-atlas) rather than the
map's 1:110m, which leaves out small host countries such as Luxembourg and
Malta. Each outline is in the projection of events/imagery/europe_map.py, keeps only
the parts on the map (no French Guiana, no Canary Islands far off the frame),
and is scaled to SIDE units across with whole-number points, simplified in
proportion: a cover costs a few hundred bytes whatever the country, which
keeps an archive page of fifty cards small.
"""

import json
import math
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django_countries import countries

from events.imagery import europe_map as m
from events.management.commands.europe_outline import decode_arcs, ring

SIDE = 100  # the larger side of every outline, in its own units; the box says where it sits on the map
DETAIL = 50  # points kept, at most, across the larger side
# Countries without an ISO numeric code in Natural Earth.
BY_NAME = {"Kosovo": "XK"}


def on_map(points):
    lon = sum(p[0] for p in points) / len(points)
    lat = sum(p[1] for p in points) / len(points)
    return m.on_map(lat, lon)


def outline(rings):
    """The path (SIDE units across) and the map box it stands for, of the rings whose middle is on the map."""
    projected = [
        [m.project(min(max(lat, m.SOUTH), m.NORTH), min(max(lon, m.WEST), m.EAST)) for lon, lat in points]
        for points in rings
        if on_map(points)
    ]
    if not projected:
        return None
    xs = [x for points in projected for x, _ in points]
    ys = [y for points in projected for _, y in points]
    box = [min(xs), min(ys), max(xs), max(ys)]
    scale = SIDE / max(box[2] - box[0], box[3] - box[1], 0.1)
    parts = []
    for points in projected:
        kept = []
        for x, y in points:
            xy = (round((x - box[0]) * scale), round((y - box[1]) * scale))
            if not kept or math.dist(kept[-1], xy) >= SIDE / DETAIL:
                kept.append(xy)
        # Islands smaller than the detail kept would be specks: left out.
        if len(kept) > 3:
            parts.append("M" + "L".join(f"{x} {y}" for x, y in kept) + "Z")
    return {"d": "".join(parts), "box": [round(v, 1) for v in box]} if parts else None


class Command(BaseCommand):
    help = "Build each European country's outline for the covers from world-atlas's countries TopoJSON."

    def add_arguments(self, parser):
        parser.add_argument("topojson")
        parser.add_argument(
            "--output",
            default=str(Path(settings.BASE_DIR) / "events" / "imagery" / "data" / "country_outlines.json"),
        )

    def handle(self, topojson, output, **options):
        topology = json.loads(Path(topojson).read_text())
        arcs = decode_arcs(topology)
        outlines = {}
        for country in topology["objects"]["countries"]["geometries"]:
            code = BY_NAME.get(country["properties"]["name"]) or (
                country.get("id") and countries.alpha2(country["id"])
            )
            polygons = country.get("arcs", [])
            if not code or not polygons:
                continue
            if country["type"] == "Polygon":
                polygons = [polygons]
            shape = outline([ring(arcs, r) for polygon in polygons for r in polygon])
            if shape:
                outlines[code] = shape
        out = Path(output)
        out.write_text(
            json.dumps(
                {
                    "source": "Natural Earth 1:50m countries (public domain) via world-atlas 2.0.2; "
                    "made by manage.py country_outlines",
                    "countries": dict(sorted(outlines.items())),
                },
                separators=(",", ":"),
            )
            + "\n"
        )
        self.stdout.write(f"Wrote {len(outlines)} countries, {out.stat().st_size} bytes, to {out}")
