"""Where an edition happens: how its place reads, where a map finds it, and its coordinates."""

from urllib.parse import urlencode

from .. import geocoding


class EditionPlace:
    """Edition's rules about its place; the fields themselves stay on Edition, in the form's order."""

    @property
    def place_in_country(self):
        """ "Kittilä, Lapland": the place without its country, for a list under the country's name."""
        return ", ".join(part for part in (self.city, self.distinct_region) if part)

    @property
    def distinct_region(self):
        """The region where it adds something to the city ("Lapland" for Kittilä), else ""."""
        return self.region if self.region != self.city else ""

    @property
    def place(self):
        """ "Kraków, Poland", "Kittilä, Lapland, Finland", "Online"."""
        if self.is_online and not self.city:
            return "Online"
        return ", ".join(part for part in (self.city, self.distinct_region, self.country.name) if part)

    @property
    def osm_url(self):
        if self.latitude is not None and self.longitude is not None:
            return f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}#map=15/{self.latitude}/{self.longitude}"
        query = ", ".join(
            p
            for p in (
                self.venue_name,
                self.address,
                self.postal_code,
                self.city,
                self.country.name,
            )
            if p
        )
        if not query or self.is_online:
            return ""
        return "https://www.openstreetmap.org/search?" + urlencode({"query": query})

    def locate(self):
        """Fills in missing coordinates from the gazetteer (events.geocoding), without saving.

        True when they were found, False when the city is not in it (the edition stays off the
        map until someone enters them), None when there was nothing to look up: coordinates
        already set, or no city or country. The admin and an accepted host application both
        make editions, and both ask this.
        """
        if not (self.city and self.country) or self.latitude is not None or self.longitude is not None:
            return None
        found = geocoding.locate(self.city, self.country.code)
        if found:
            self.latitude, self.longitude = found
        return found is not None
