"""A map of Europe drawn on the server: the coastline and borders, and a marker per host city.

An equirectangular projection whose horizontal scale is true at 52° N, the
middle of the editions' latitudes; at this size it reads as a familiar map
and keeps the arithmetic a line long. The outline in
templates/includes/_europe_outline.svg is made by `manage.py europe_outline`
from Natural Earth (public domain) with the same projection.
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field

WEST, EAST, SOUTH, NORTH = -25.0, 45.0, 34.0, 71.5
WIDTH = 1000
_X = WIDTH / (EAST - WEST)
_Y = _X / math.cos(math.radians(52))
HEIGHT = round((NORTH - SOUTH) * _Y)


def project(latitude, longitude):
    """(x, y) in the map's viewBox for a point in degrees."""
    return round((float(longitude) - WEST) * _X, 1), round((NORTH - float(latitude)) * _Y, 1)


def on_map(latitude, longitude):
    return SOUTH <= float(latitude) <= NORTH and WEST <= float(longitude) <= EAST


# Places whose markers would lie closer than this (in the viewBox's units, about
# 1.4 marker widths) share one marker with a count: Brussels and Charleroi,
# Kraków and Katowice would otherwise cover each other and a finger could not
# choose between them.
NEAR = 28.0


@dataclass
class Place:
    x: float
    y: float
    name: str
    label: str
    editions: list = field(default_factory=list)

    @property
    def anchor(self):
        """The id of this place in the list beside the map."""
        return f"place-{round(self.x)}-{round(self.y)}"


# A label's box in the viewBox's units, for keeping labels off each other and off
# the markers: the map's labels are 30 units of bold text (static/css/site.css),
# 15 to 21 units a character as Chromium draws the archive's names, so 21, and
# 35 high, from 28 above the baseline to 7 below it; a marker's radius is 9, a group's 14.
CHAR_WIDTH, LABEL_ABOVE, LABEL_BELOW, LABEL_BASELINE = 21.0, 18.0, 17.0, 10.0
# Where a label may go, in order of preference: beside the marker, right then left, then half a
# line higher or lower, then a whole line (clear of a neighbour level with the marker).
LABEL_PLACES = [
    (False, 0.0), (True, 0.0), (False, -16.0), (False, 16.0), (True, -16.0), (True, 16.0),
    (False, 32.0), (False, -32.0), (True, 32.0), (True, -32.0),
]  # fmt: skip


@dataclass
class Marker:
    x: float
    y: float
    places: list = field(default_factory=list)
    label_left: bool = False
    label_shift: float = 0.0  # how far the label sits below (or, negative, above) the marker's middle

    @property
    def radius(self):
        return 14 if self.is_group else 9

    @property
    def circle_box(self):
        """(x0, y0, x1, y1) around the marker's circle."""
        r = self.radius
        return self.x - r, self.y - r, self.x + r, self.y + r

    @property
    def label_dx(self):
        return -(self.radius + 4) if self.label_left else self.radius + 4

    @property
    def label_dy(self):
        """The baseline's offset: a line of the label's height centred on the marker, then shifted."""
        return LABEL_BASELINE + self.label_shift

    def label_box(self, left, shift=0.0):
        """(x0, y0, x1, y1) of the label right of the marker, or left of it, moved down by `shift`."""
        width = len(self.label) * CHAR_WIDTH
        start = self.radius + 4
        x0 = self.x - start - width if left else self.x + start
        return x0, self.y + shift - LABEL_ABOVE, x0 + width, self.y + shift + LABEL_BELOW

    @property
    def is_group(self):
        return len(self.places) > 1

    @property
    def editions(self):
        return [e for place in self.places for e in place.editions]

    @property
    def place(self):
        return " and ".join(p.name for p in self.places)

    @property
    def label(self):
        return ", ".join(p.label for p in self.places)


def places(editions):
    """Each place with coordinates on the map, with every edition held there, newest first."""
    by_point = defaultdict(list)
    for edition in editions:
        lat, lon = edition.latitude, edition.longitude
        if lat is not None and lon is not None and on_map(lat, lon):
            by_point[(round(float(lat), 2), round(float(lon), 2))].append(edition)
    found = []
    for group in by_point.values():
        group.sort(key=lambda e: e.start_date, reverse=True)
        first = group[0]
        label = first.city or first.region or first.place
        found.append(Place(*project(first.latitude, first.longitude), first.place, label, group))
    return sorted(found, key=lambda p: (p.name, p.x))


def markers(located):
    """One marker per place, or one with a count for places too close together to tell apart."""
    result = []
    for place in sorted(places(located), key=lambda p: (-len(p.editions), p.name)):
        near = next((m for m in result if math.dist((m.x, m.y), (place.x, place.y)) < NEAR), None)
        if near is None:
            result.append(Marker(place.x, place.y, [place]))
        else:
            near.places.append(place)
            near.x = round(sum(p.x for p in near.places) / len(near.places), 1)
            near.y = round(sum(p.y for p in near.places) / len(near.places), 1)
    for marker in result:
        marker.places.sort(key=lambda p: p.name)
    result.sort(key=lambda m: (m.x, m.y))
    place_labels(result)
    return result


def overlaps(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _clashes(box, marker, markers, taken):
    circles = (m.circle_box for m in markers if m is not marker)
    return sum(overlaps(box, other) for other in (*circles, *taken))


def place_labels(markers):
    """Write each label where it covers the fewest markers and labels already written, preferring right."""
    taken = []
    for marker in markers:
        boxes = [(marker.label_box(left, shift), left, shift) for left, shift in LABEL_PLACES]
        box, marker.label_left, marker.label_shift = min(
            boxes, key=lambda found: _clashes(found[0], marker, markers, taken)
        )
        taken.append(box)


def context(editions):
    """What the map template needs for these editions: their markers and the places behind them."""
    located = editions.filter(latitude__isnull=False, longitude__isnull=False).only(
        "title", "slug", "city", "region", "country", "format", "latitude", "longitude", "start_date"
    )
    found = markers(located)
    return {
        "markers": found,
        "width": WIDTH,
        "height": HEIGHT,
        "located": sum(len(m.editions) for m in found),
        "places": sorted((p for m in found for p in m.places), key=lambda p: p.name),
    }
