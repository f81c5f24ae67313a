"""iCalendar export, as plain functions from editions to calendar parts.

Built with the icalendar library, which escapes text values, folds lines at 75
octets without splitting a UTF-8 character, and writes CRLF line endings. The
functions take every outside value (site address, time stamp) as arguments so
that they can be tested without HTTP.
"""

from datetime import UTC, datetime, timedelta
from urllib.parse import quote, urlencode

from icalendar import Calendar, Event, vCalAddress, vDuration, vText

from common.text import http_url

from .models import EditionStatus

PRODID = "-//European Cluster Collaboration Platform//Clusters meet Regions//EN"
# How often subscribed clients should fetch the feed again. Google ignores it
# and refreshes on its own schedule (up to a day); Apple and Outlook honour it.
REFRESH = timedelta(hours=12)
# Google Calendar cuts long "details"; Outlook's deep links fail on long URLs.
LINK_DESCRIPTION_LIMIT = 600

ICS_STATUS = {
    EditionStatus.PUBLISHED: "CONFIRMED",
    EditionStatus.POSTPONED: "TENTATIVE",
    EditionStatus.CANCELLED: "CANCELLED",
}


def new_calendar(*, name=None, description=None):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        # A single-event download has no name: Outlook would open a new calendar for it.
        # vText escapes line breaks; an organiser's text may hold some.
        calendar.add("name", vText(name))
        calendar.add("x-wr-calname", vText(name))
        if description:
            calendar.add("x-wr-caldesc", vText(" ".join(description.split())))
        calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", vDuration(REFRESH))
    return calendar


def location_text(edition, *, for_participants=False):
    """Where the edition takes place; the join link only in participants' own calendars."""
    online_url = http_url(edition.online_url) if for_participants else edition.public_online_url
    if edition.is_online:
        return online_url or "Online"
    town = " ".join(part for part in (edition.postal_code, edition.city) if part)
    parts = [edition.venue_name, edition.address, town, edition.region, edition.country.name]
    text = ", ".join(part for part in parts if part)
    if edition.is_hybrid and online_url:
        text = f"{text} and online: {online_url}" if text else online_url
    return text


def description_text(edition, url, limit=None):
    """Plain text: the teaser and the page's address, which always survives the cut."""
    text = edition.teaser
    if limit and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return f"{text}\n\n{url}" if text else url


def event_times(edition):
    """(start, end) as dates for an all-day event, with the exclusive end; aware datetimes otherwise."""
    if edition.is_timed:
        return edition.local_start, edition.local_end
    return edition.start_date, edition.end_date + timedelta(days=1)


def _new_event(uid, edition, stamp):
    """The identity and versioning every event of an edition shares."""
    event = Event()
    event.add("uid", str(uid))
    event.add("sequence", edition.sequence)
    event.add("dtstamp", stamp)
    event.add("last-modified", edition.updated_at)
    return event


def build_vevent(edition, *, site_url, stamp, for_participants=False):
    url = site_url + edition.get_absolute_url()
    event = _new_event(edition.uid, edition, stamp)
    event.add("created", edition.created_at)
    start, end = event_times(edition)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", edition.title)
    event.add("description", description_text(edition, url))
    location = location_text(edition, for_participants=for_participants)
    if location:
        event.add("location", location)
    if edition.latitude is not None and edition.longitude is not None:
        event.add("geo", (float(edition.latitude), float(edition.longitude)))
    event.add("url", url)
    event.add("status", ICS_STATUS.get(edition.status, "TENTATIVE"))
    if edition.contact_email:
        organizer = vCalAddress(f"mailto:{edition.contact_email}")
        if edition.contact_name:
            organizer.params["cn"] = edition.contact_name
        event.add("organizer", organizer)
    event.add("categories", [edition.series.name, *(theme.name for theme in edition.themes.all())])
    event.add("transp", "TRANSPARENT" if not edition.is_timed else "OPAQUE")
    return event


def build_agenda_vevent(item, edition, *, site_url, stamp):
    url = site_url + edition.get_absolute_url()
    event = _new_event(item.uid, edition, stamp)
    start = datetime.combine(item.day, item.start_time, tzinfo=edition.tz)
    end = datetime.combine(item.day, item.end_time, tzinfo=edition.tz) if item.end_time else None
    event.add("dtstart", start)
    if end:
        event.add("dtend", end)
    event.add("summary", f"{item.title} ({edition.title})")
    speakers = "; ".join(
        f"{s.name} ({s.affiliation})" if s.affiliation else s.name for s in item.speakers.all()
    )
    details = [item.description, f"Speakers: {speakers}" if speakers else "", url]
    event.add("description", "\n\n".join(part for part in details if part))
    location = location_text(edition)
    if location:
        event.add("location", location)
    event.add("url", url)
    event.add("status", ICS_STATUS.get(edition.status, "TENTATIVE"))
    event.add("categories", [edition.series.name])
    return event


def add_timezones(calendar, days):
    """VTIMEZONEs for every TZID used, covering just the days the events need.

    A short span keeps the definitions small and exact; parsers that do not
    know IANA names read the offsets from here.
    """
    if days:
        calendar.add_missing_timezones(first_date=min(days), last_date=max(days) + timedelta(days=1))


def calendar_for_editions(editions, *, site_url, stamp, name=None, description=None, for_participants=False):
    """`for_participants`: a registrant's own calendar, which may carry the join link."""
    calendar = new_calendar(name=name, description=description)
    days = []
    for edition in editions:
        calendar.add_component(
            build_vevent(edition, site_url=site_url, stamp=stamp, for_participants=for_participants)
        )
        if edition.is_timed:
            days += [edition.start_date, edition.end_date]
    add_timezones(calendar, days)
    return calendar


def calendar_for_agenda(edition, *, site_url, stamp):
    calendar = new_calendar()
    for item in edition.agenda_items.all():
        calendar.add_component(build_agenda_vevent(item, edition, site_url=site_url, stamp=stamp))
    add_timezones(calendar, [edition.start_date, edition.end_date])
    return calendar


# "Add to calendar" and "Subscribe" links. Outlook's deep links need spaces as
# %20, not "+", so every query string is built with quote().


def _utc(value):
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def google_add_link(edition, *, site_url):
    url = site_url + edition.get_absolute_url()
    start, end = event_times(edition)
    dates = f"{_utc(start)}/{_utc(end)}" if edition.is_timed else f"{start:%Y%m%d}/{end:%Y%m%d}"
    params = {
        "action": "TEMPLATE",
        "text": edition.title,
        "dates": dates,
        "ctz": edition.timezone,
        "details": description_text(edition, url, limit=LINK_DESCRIPTION_LIMIT),
        "location": location_text(edition),
    }
    return "https://calendar.google.com/calendar/render?" + urlencode(params, quote_via=quote)


def outlook_add_link(edition, *, site_url, host="outlook.live.com"):
    """Outlook.com (outlook.live.com) or Microsoft 365 (outlook.office.com)."""
    url = site_url + edition.get_absolute_url()
    start, end = event_times(edition)
    if edition.is_timed:
        start_text = start.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        end_text = end.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    else:
        start_text, end_text = start.isoformat(), end.isoformat()
    params = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": edition.title,
        "startdt": start_text,
        "enddt": end_text,
        "allday": "false" if edition.is_timed else "true",
        "body": description_text(edition, url, limit=LINK_DESCRIPTION_LIMIT),
        "location": location_text(edition),
    }
    return f"https://{host}/calendar/0/deeplink/compose?" + urlencode(params, quote_via=quote)


def subscribe_links(feed_url, name):
    webcal = "webcal://" + feed_url.split("://", 1)[1]
    outlook_params = urlencode({"url": feed_url, "name": name}, quote_via=quote)
    return {
        "https": feed_url,
        "webcal": webcal,
        "google": "https://calendar.google.com/calendar/r?cid=" + quote(webcal, safe=""),
        "outlook": "https://outlook.live.com/calendar/0/addfromweb?" + outlook_params,
        "office365": "https://outlook.office.com/calendar/0/addfromweb?" + outlook_params,
    }
