"""Time zone helpers: an edition's dates are judged in the zone of its venue.

The database cannot convert "now" into each row's own zone portably (SQLite
has no zone data), so the boundary is computed here: at any instant every zone
on earth is on the UTC date, the day before or the day after. Knowing which
zones are a day ahead or behind right now is enough to say, in plain SQL,
whether a row's local "today" is past its end date.
"""

import functools
import zoneinfo
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

# Every zone offset in use is a whole multiple of 15 minutes, so local dates
# only change on UTC instants that are multiples of 15 minutes.
_SLOT_SECONDS = 15 * 60


@functools.cache
def all_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


@functools.cache
def zone(name: str) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(name)


def validate_timezone(value: str) -> None:
    if value not in all_zones():
        raise ValidationError(
            "“%(value)s” is not an IANA time zone; use a name such as Europe/Brussels.",
            code="invalid_timezone",
            params={"value": value},
        )


@dataclass(frozen=True)
class LocalDates:
    """Where on earth the local date differs from the UTC date at one instant."""

    utc_date: date
    ahead: frozenset[str]  # zones already on utc_date + 1
    behind: frozenset[str]  # zones still on utc_date - 1

    @property
    def yesterday(self) -> date:
        return self.utc_date - timedelta(days=1)


@functools.lru_cache(maxsize=4)
def _local_dates_for_slot(slot: int) -> LocalDates:
    instant = datetime.fromtimestamp(slot * _SLOT_SECONDS, UTC)
    utc_date = instant.date()
    ahead, behind = set(), set()
    for name in all_zones():
        local = instant.astimezone(zone(name)).date()
        if local > utc_date:
            ahead.add(name)
        elif local < utc_date:
            behind.add(name)
    return LocalDates(utc_date, frozenset(ahead), frozenset(behind))


def local_dates(now: datetime | None = None) -> LocalDates:
    now = now or timezone.now()
    return _local_dates_for_slot(int(now.timestamp()) // _SLOT_SECONDS)


def local_today(name: str, now: datetime | None = None) -> date:
    return (now or timezone.now()).astimezone(zone(name)).date()
