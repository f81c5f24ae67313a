"""Every edition's cover, drawn by the server from what the site knows.

The host country's outline (events/imagery/data/country_outlines.json, made by
`manage.py country_outlines` from Natural Earth), a marker at the city where
the edition has coordinates, the city's name large and the dates as a block to
read at a glance, on the host country's colour: editions in one country share
it, so a list of covers tells at sight where the series went back. An uploaded
hero photo takes the outline's place. Templates draw the result
(includes/_cover.html) as inline SVG: no image request, a few hundred bytes.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from . import europe_map
from .media import available

OUTLINES = Path(__file__).resolve().parent / "data" / "country_outlines.json"
MARGIN = 8  # outline units around the country, so the marker and the coast are not cut
# How many colours covers come in (static/css/site.css: .tone-0 to .tone-7), each dark enough for
# white text; a country always gets the same one.
TONES = 8


@cache
def _outlines():
    return json.loads(OUTLINES.read_text())["countries"]


@dataclass(frozen=True)
class Cover:
    days: str
    month: str
    year: str
    outline: str = ""
    view_box: str = ""
    marker: tuple | None = None
    photo_url: str = ""
    name: str = ""
    tone: int = 0


def date_block(start, end):
    """("26–27", "Mar", "2024"): the dates as three short lines; a range names both ends where they differ."""
    days = f"{start.day}" if start == end else f"{start.day}–{end.day}"
    month = start.strftime("%b")
    if (start.year, start.month) != (end.year, end.month):
        month = f"{month}–{end.strftime('%b')}"
    year = f"{start.year}" if start.year == end.year else f"{start.year}–{end.strftime('%y')}"
    return days, month, year


def country_outline(code, latitude=None, longitude=None):
    """(path, viewBox, marker) for a country, the marker in the outline's units; empty if not on the map."""
    shape = _outlines().get(str(code or ""))
    if not shape:
        return "", "", None
    x0, y0, x1, y1 = shape["box"]
    scale = 100 / max(x1 - x0, y1 - y0, 0.1)
    width, height = (x1 - x0) * scale, (y1 - y0) * scale
    marker = None
    if latitude is not None and longitude is not None and europe_map.on_map(latitude, longitude):
        x, y = europe_map.project(latitude, longitude)
        mx, my = round((x - x0) * scale, 1), round((y - y0) * scale, 1)
        # Coordinates far outside the country (a typo in the admin) would pull the marker off the cover.
        if -MARGIN <= mx <= width + MARGIN and -MARGIN <= my <= height + MARGIN:
            marker = (mx, my)
    view_box = f"{-MARGIN} {-MARGIN} {round(width) + 2 * MARGIN} {round(height) + 2 * MARGIN}"
    return shape["d"], view_box, marker


def country_on_map(code):
    """(path, transform) drawing a country's outline where it lies on the whole map of Europe
    (europe_map's viewBox), or None for a country the outlines do not hold: the organisers' report
    shades countries by participants with it."""
    shape = _outlines().get(str(code or ""))
    if not shape:
        return None
    x0, y0, x1, y1 = shape["box"]
    # The outline is drawn 100 units on its longer side (country_outline's scale, undone).
    scale = max(x1 - x0, y1 - y0, 0.1) / 100
    return shape["d"], f"translate({x0} {y0}) scale({scale:.5f})"


@cache
def _tones():
    """Each country's colour, as on a political map: countries whose outlines' boxes meet get
    different ones where eight allow it, and each colour is used about as often as the others.
    Drawn from the outlines alone, so a country keeps its colour on every page and every deploy."""
    boxes = {code: shape["box"] for code, shape in sorted(_outlines().items())}
    tones, used = {}, [0] * TONES
    # Larger countries first: they have the most neighbours, so they choose while most colours are free.
    for code in sorted(boxes, key=lambda c: -(boxes[c][2] - boxes[c][0]) * (boxes[c][3] - boxes[c][1])):
        box = boxes[code]
        near = [tones[c] for c in tones if _meet(box, boxes[c])]
        tones[code] = min(range(TONES), key=lambda t: (near.count(t), used[t], t))
        used[tones[code]] += 1
    return tones


def _meet(a, b):
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def tone(country_code):
    """The colour of a country's covers; an edition with no country (online) has the series' navy."""
    return _tones().get(str(country_code or ""), 0)


def cover_name(edition):
    """The place in a word or two, as the cover writes it large: the city, else the region or country."""
    if edition.is_online and not edition.city:
        return "Online"
    return edition.city or edition.region or edition.country.name


def has_photo(edition):
    return available(edition.hero_image)


def cover_for(edition):
    days, month, year = date_block(edition.start_date, edition.end_date or edition.start_date)
    known = {"name": cover_name(edition), "tone": tone(edition.country.code)}
    if has_photo(edition):
        return Cover(days, month, year, photo_url=edition.hero_480.url, **known)
    outline, view_box, marker = country_outline(edition.country.code, edition.latitude, edition.longitude)
    return Cover(days, month, year, outline=outline, view_box=view_box, marker=marker, **known)
