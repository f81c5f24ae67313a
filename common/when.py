"""When something happens, in words, in the zone of the place it happens in (e-mails, pages)."""


def local_time(instant, tz):
    """24 April 2024, 08:30 CEST (UTC+02:00)."""
    local = instant.astimezone(tz)
    offset = local.strftime("%z")
    return f"{local.day} {local:%B %Y, %H:%M} {local.tzname()} (UTC{offset[:3]}:{offset[3:]})"


def when_text(edition):
    """The edition's dates and times in the venue's zone."""
    if edition.is_timed:
        start = local_time(edition.local_start, edition.tz)
        end = edition.local_end.astimezone(edition.tz)
        if edition.start_date == edition.end_date:
            return f"{start} to {end:%H:%M}"
        return f"{start} to {local_time(edition.local_end, edition.tz)}"
    return dates_text(edition)


def dates_text(edition):
    """24 April 2030, or 24 April 2030 to 25 April 2030: the edition's days, without the times."""
    first, last = (f"{day.day} {day:%B %Y}" for day in (edition.start_date, edition.end_date))
    return first if first == last else f"{first} to {last}"
