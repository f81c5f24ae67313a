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


@dataclass
class Marker:
    x: float
    y: float
    places: list = field(default_factory=list)

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
    return sorted(result, key=lambda m: (m.x, m.y))
