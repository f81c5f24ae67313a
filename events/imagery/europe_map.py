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


# A label's box, in the viewBox's units, for a font of `size` units: bold text is 0.5 to 0.7 of its
# size a character as Chromium draws the archive's names, so 0.7; a line reaches 0.6 of the size
# above the middle of the marker and 0.57 below it when its baseline is 0.33 below the middle.
CHAR_WIDTH, LABEL_ABOVE, LABEL_BELOW, LABEL_BASELINE = 0.7, 0.6, 0.57, 0.33
# Where a label may go, in order of preference: beside the marker, right then left; centred right
# under or over it; then beside it half a line higher or lower, then a whole line (clear of a
# neighbour level with the marker), in lines. A label under or over its marker is placed by the
# marker's size, not by a shift.
LABEL_PLACES = [
    ("right", 0.0), ("left", 0.0), ("below", 0.0), ("above", 0.0),
    ("right", -0.53), ("right", 0.53), ("left", -0.53), ("left", 0.53),
    ("right", 1.07), ("right", -1.07), ("left", 1.07), ("left", -1.07),
]  # fmt: skip
# The narrowest each layout draws a map, in CSS pixels: a 375 px phone's width less the page's margins
# and the map's border; and from 60rem (static/css/site.css), three fifths of the page beside the
# record or the list of places. Labels are LABEL_PX there, and larger wherever the map is wider:
# on phones fewer and larger ones (the "narrow" labels), the others from 60rem on (the "wide" ones).
NARROW_PX, WIDE_PX, LABEL_PX = 340, 510, 13
# Around the markers, so that none is drawn on the edge; the least the map shows, so that one place
# alone still sits in a recognisable part of Europe.
PADDING, MIN_SPAN = 40.0, 420.0


@dataclass
class Label:
    """Where one label is written: beside its marker, right or left, shifted down (or, negative, up),
    or centred under or over it."""

    text: str
    size: float
    side: str
    shift: float
    dx: float

    @property
    def anchor(self):
        """The stylesheet's class for the text's anchor: its end beside the marker, or its middle."""
        return {"left": "left", "below": "centre", "above": "centre"}.get(self.side, "")

    @property
    def dy(self):
        """The baseline's offset: a line of the label's height centred on the marker, then shifted."""
        return round(LABEL_BASELINE * self.size + self.shift)


@dataclass
class Marker:
    x: float
    y: float
    places: list = field(default_factory=list)
    wide: Label | None = None
    narrow: Label | None = None  # None: too crowded to name on a phone; the list names it
    count_size: float = 20.0

    @property
    def radius(self):
        """A place's dot; a group's circle holds its count."""
        return round(max(14, 0.62 * self.count_size), 1) if self.is_group else 9

    @property
    def count_dy(self):
        """The count's baseline below the circle's middle, which centres its digits."""
        return round(0.35 * self.count_size, 1)

    @property
    def circle_box(self):
        """(x0, y0, x1, y1) around the marker's circle."""
        r = self.radius
        return self.x - r, self.y - r, self.x + r, self.y + r

    def label_shift(self, size, side, lines=0.0):
        """How far below the marker's middle a label's line is centred (negative: above)."""
        if side == "below":
            return self.radius + 2 + LABEL_ABOVE * size
        if side == "above":
            return -(self.radius + 2 + LABEL_BELOW * size)
        return lines * size

    def label_box(self, size, side, shift=0.0):
        """(x0, y0, x1, y1) of a label of `size` on this `side` of the marker, its line centred `shift`
        below the marker's middle."""
        width = len(self.label) * CHAR_WIDTH * size
        start = self.radius + 4
        x0 = {"left": self.x - start - width, "right": self.x + start}.get(side, self.x - width / 2)
        return x0, self.y + shift - LABEL_ABOVE * size, x0 + width, self.y + shift + LABEL_BELOW * size

    def label_dx(self, side):
        return {"left": -(self.radius + 4), "right": self.radius + 4}.get(side, 0)

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
    return result


def overlaps(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def gap(box, x, y):
    """How far the point (x, y) is from the box; 0 inside it."""
    return math.hypot(max(box[0] - x, 0, x - box[2]), max(box[1] - y, 0, y - box[3]))


def crowding(box, marker, markers, size):
    """Whether another marker is so close to a label (within most of a line) that the label could
    be read as that marker's: Prague's written beside Düsseldorf's marker."""
    return any(gap(box, m.x, m.y) - m.radius < 0.8 * size for m in markers if m is not marker)


def _badness(box, marker, markers, taken, view, size):
    """What is wrong with a label here: the markers and labels it covers or the map's edge cutting
    it, then whether another marker crowds it."""
    circles = (m.circle_box for m in markers if m is not marker)
    clashes = sum(overlaps(box, other) for other in (*circles, *taken))
    outside = box[0] < view[0] or box[1] < view[1] or box[2] > view[2] or box[3] > view[3]
    return clashes + outside, crowding(box, marker, markers, size)


def place_labels(markers, size, view=(0, 0, WIDTH, HEIGHT), fewer=False):
    """Each marker's label of `size`, where it covers the fewest markers and labels already written,
    stays on the map (`view`: x0, y0, x1, y1) and is clear of other markers, preferring right.

    With `fewer`, the places with most editions are named first, and a label that cannot be written
    clear of the others and unmistakably is left out. Returns the labels, in the markers' order.
    """
    taken, labels = [], {}
    order = sorted(markers, key=lambda m: (-len(m.editions), m.label)) if fewer else markers
    for marker in order:
        shifts = [(side, marker.label_shift(size, side, lines)) for side, lines in LABEL_PLACES]
        options = [(marker.label_box(size, side, shift), side, shift) for side, shift in shifts]
        box, side, shift = min(
            options, key=lambda found: _badness(found[0], marker, markers, taken, view, size)
        )
        if fewer and _badness(box, marker, markers, taken, view, size) != (0, False):
            labels[id(marker)] = None
            continue
        labels[id(marker)] = Label(marker.label, size, side, shift, marker.label_dx(side))
        taken.append(box)
    return [labels[id(m)] for m in markers]


def extent(found):
    """(x, y, width, height) of the part of Europe around the markers, within the map, widened to
    room for labels beside the outermost markers."""
    x0, y0 = min(m.x for m in found) - PADDING, min(m.y for m in found) - PADDING
    x1, y1 = max(m.x for m in found) + PADDING, max(m.y for m in found) + PADDING
    # Too small a part would read as nowhere: widen it around its middle, then keep it on the map.
    width, height = max(x1 - x0, MIN_SPAN) * 1.25, max(y1 - y0, MIN_SPAN * 0.75)
    x0, y0 = (x0 + x1 - width) / 2, (y0 + y1 - height) / 2
    width, height = min(width, WIDTH), min(height, HEIGHT)
    x0, y0 = min(max(x0, 0), WIDTH - width), min(max(y0, 0), HEIGHT - height)
    return round(x0), round(y0), round(width), round(height)


def label_size(view_width, drawn_px):
    """The labels' size in the viewBox's units for a map `view_width` units wide drawn `drawn_px`
    pixels wide: LABEL_PX there."""
    return round(LABEL_PX * view_width / drawn_px, 1)


def context(editions):
    """What the map template needs for these editions: their markers and the places behind them,
    the part of Europe they lie in (so that the map is as large as the page allows), and the labels
    for phones and for wider screens."""
    located = editions.filter(latitude__isnull=False, longitude__isnull=False).only(
        "title", "slug", "city", "region", "country", "format", "latitude", "longitude", "start_date"
    )
    found = markers(located)
    x, y, width, height = extent(found) if found else (0, 0, WIDTH, HEIGHT)
    view = (x, y, x + width, y + height)
    narrow_size = label_size(width, NARROW_PX)
    for marker in found:
        marker.count_size = narrow_size
    for marker, wide, narrow in zip(
        found,
        place_labels(found, label_size(width, WIDE_PX), view),
        place_labels(found, narrow_size, view, fewer=True),
        strict=True,
    ):
        marker.wide, marker.narrow = wide, narrow
    return {
        "markers": found,
        "view_box": f"{x} {y} {width} {height}",
        "width": width,
        "height": height,
        "located": sum(len(m.editions) for m in found),
        "places": sorted((p for m in found for p in m.places), key=lambda p: p.name),
    }
