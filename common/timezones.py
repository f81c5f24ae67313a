"""Time zone names: an edition's dates and times are in the zone of its venue."""

import functools
import zoneinfo

from django.core.exceptions import ValidationError


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
