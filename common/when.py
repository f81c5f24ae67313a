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


def day_range(start, end):
    """The words of a range of days as the site writes it, and whether they share a month:
    ("24 April 2030", None, False); ("27", "28 November 2024", True); ("29 November",
    "2 December 2022", False); ("30 December 2024", "2 January 2025", False).
    Pages join them with a dash in <time> elements (events' date_range tag); text, by dates_text()."""
    if start == end:
        return f"{start.day} {start:%B %Y}", None, False
    last = f"{end.day} {end:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}", last, True
    if start.year == end.year:
        return f"{start.day} {start:%B}", last, False
    return f"{start.day} {start:%B %Y}", last, False


def dates_text(edition):
    """The edition's days as the site writes them, as plain text: "24 April 2030", "24–25 April 2030",
    "29 November – 2 December 2022" (the spaced dash kept with the first date)."""
    first, last, same_month = day_range(edition.start_date, edition.end_date)
    if last is None:
        return first
    return f"{first}{'–' if same_month else chr(0xA0) + '– '}{last}"
