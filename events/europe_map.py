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


@dataclass
class Marker:
    x: float
    y: float
    place: str
    editions: list = field(default_factory=list)


def markers(editions):
    """One marker per place with coordinates on the map, with every edition held there."""
    by_place = defaultdict(list)
    for edition in editions:
        lat, lon = edition.latitude, edition.longitude
        if lat is not None and lon is not None and on_map(lat, lon):
            by_place[(round(float(lat), 2), round(float(lon), 2))].append(edition)
    return [
        Marker(*project(group[0].latitude, group[0].longitude), place=group[0].place, editions=group)
        for _, group in sorted(by_place.items())
    ]
