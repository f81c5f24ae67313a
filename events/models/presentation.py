"""How an edition's page reads: what the place already says, and quoted times in another zone."""

import re

# The zone abbreviations European announcements write after a time ("8:30 CET").
ZONE_ABBREVIATION = re.compile(r"\b(W|C|E)ES?T\b|\bGMT\b|\bBST\b")


class EditionPresentation:
    """Edition's rules for its page; the fields stay on Edition."""

    @property
    def format_said_by_place(self):
        """An online edition without a city reads "Online" as its place: a format tag would say it twice."""
        return self.is_online and not self.city

    @property
    def zone_in_words(self):
        """ "Lisbon time (WET)": the zone of the edition's first day, by its city and abbreviation."""
        city = self.timezone.rsplit("/", 1)[-1].replace("_", " ")
        return f"{city} time ({self.local_start.tzname()})"

    @property
    def quoted_zone_note(self):
        """A short note where the organisers' text names a zone the edition's date is not in.

        Seed 004 announces a talk on 24 April 2024 "8:30 – 9:45 CET", when Brussels is on CEST: the
        page shows the right zone and says once why the quoted text differs. "" where nothing differs.
        """
        quoted = {m.group(0) for m in ZONE_ABBREVIATION.finditer(f"{self.description}\n{self.eligibility}")}
        actual = self.local_start.tzname()
        wrong = sorted(quoted - {actual})
        if not wrong:
            return ""
        offset = self.local_start.utcoffset().total_seconds() / 3600
        return (
            f"Times on this page are {self.zone_in_words} on that date, UTC{offset:+g}; "
            f"the organisers’ text below says {' and '.join(wrong)}."
        )
