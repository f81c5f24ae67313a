"""Dates and times of editions, as people read them and as machines parse them."""

from django import template
from django.utils.html import format_html

from common.timezones import zone
from common.when import day_range

register = template.Library()

# A dash that never starts or ends a line: "26–27", "08:30–09:45" (a word joiner after it).
JOINED_DASH = "–\u2060"
# A dash between two dates, kept with the first: "29 November – 2 December".
SPACED_DASH = "\u00a0– "
# The zone's name after a time, whole on its line: "(Europe/Brussels time)".
ZONE_NOTE = '<span class="nowrap">({} time)</span>'


def _time_tag(value, text):
    return format_html('<time datetime="{}">{}</time>', value.isoformat(), text)


@register.simple_tag
def date_range(start, end):
    """27–28 November 2024; 29 November – 2 December 2022; 30 December 2024 – 2 January 2025.

    On a narrow line neither "27–28" nor a date breaks (`time` is nowrap in
    static/css/site.css), and a dash between dates stays with the first.
    """
    first, last, same_month = day_range(start, end)
    if last is None:
        return _time_tag(start, first)
    sep = JOINED_DASH if same_month else SPACED_DASH
    return format_html("{}{}{}", _time_tag(start, first), sep, _time_tag(end, last))


@register.simple_tag
def edition_dates(edition):
    return date_range(edition.start_date, edition.end_date)


@register.simple_tag
def edition_times(edition):
    """08:30–09:45 CEST (Europe/Brussels time), or nothing for a full-day event."""
    if not edition.is_timed:
        return ""
    start = edition.local_start
    start_html = _time_tag(start, f"{start:%H:%M}")
    if edition.end_time:
        end = edition.local_end
        return format_html(
            "{}{}{}\u00a0{} " + ZONE_NOTE,
            start_html,
            JOINED_DASH,
            _time_tag(end, f"{end:%H:%M}"),
            end.tzname(),
            edition.timezone,
        )
    return format_html("{}\u00a0{} " + ZONE_NOTE, start_html, start.tzname(), edition.timezone)


@register.simple_tag
def local_datetime(value, zone_name):
    """An instant shown in a venue's zone: 24 April 2024, 07:30 CEST."""
    local = value.astimezone(zone(zone_name))
    return _time_tag(local, f"{local.day} {local:%B %Y, %H:%M} {local.tzname()}")


@register.filter(expects_localtime=True)
def machine_instant(value):
    """An instant for a datetime attribute: HTML allows at most three digits of a second, so none."""
    return value.replace(microsecond=0).isoformat()
