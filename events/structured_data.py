"""schema.org Event data for an edition, as Google's Event rich results want it.

https://developers.google.com/search/docs/appearance/structured-data/event
lists the fields: name, startDate, location (Place with a PostalAddress, or
VirtualLocation), and recommends endDate, eventStatus, eventAttendanceMode,
description, image, organizer, performer and offers.
"""

import json

from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

from common.text import http_url

from .models import EditionFormat, EditionStatus

STATUS = {
    EditionStatus.PUBLISHED: "https://schema.org/EventScheduled",
    EditionStatus.CANCELLED: "https://schema.org/EventCancelled",
    EditionStatus.POSTPONED: "https://schema.org/EventPostponed",
}
ATTENDANCE = {
    EditionFormat.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    EditionFormat.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    EditionFormat.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}


def _dates(edition):
    # All-day editions are dates; timed ones carry the venue's UTC offset.
    if edition.is_timed:
        return edition.local_start.isoformat(), edition.local_end.isoformat()
    return edition.start_date.isoformat(), edition.end_date.isoformat()


def _place(edition):
    address = {
        "@type": "PostalAddress",
        "streetAddress": edition.address,
        "postalCode": edition.postal_code,
        "addressLocality": edition.city,
        "addressRegion": edition.region,
        "addressCountry": edition.country.code,
    }
    place = {
        "@type": "Place",
        "name": edition.venue_name or edition.city,
        "address": {key: value for key, value in address.items() if value},
    }
    if edition.latitude is not None and edition.longitude is not None:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(edition.latitude),
            "longitude": float(edition.longitude),
        }
    return place


def _virtual(edition, page_url):
    return {"@type": "VirtualLocation", "url": edition.public_online_url or page_url}


def _description(edition):
    if edition.teaser:
        return edition.teaser
    return " ".join(strip_tags(edition.description_html).split())[:500]


def event_data(edition, *, site_url, image_url=None):
    """The Event as a dict; `edition` needs with_details() for its relations."""
    page_url = site_url + edition.get_absolute_url()
    start, end = _dates(edition)
    if edition.is_online:
        location = _virtual(edition, page_url)
    elif edition.is_hybrid:
        location = [_place(edition), _virtual(edition, page_url)]
    else:
        location = _place(edition)
    # Only those named as organisers: a host region is where it happens, not who organises it.
    organisers = [p.partner for p in edition.partnerships.all() if p.role == p.Role.ORGANISER]
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": edition.title,
        "startDate": start,
        "endDate": end,
        "eventStatus": STATUS.get(edition.status, STATUS[EditionStatus.PUBLISHED]),
        "eventAttendanceMode": ATTENDANCE[edition.format],
        "location": location,
        "description": _description(edition),
        "url": page_url,
        "organizer": [
            {
                "@type": "Organization",
                "name": o.name,
                **({"url": http_url(o.website)} if http_url(o.website) else {}),
            }
            for o in organisers
        ],
        "performer": [
            {
                "@type": "Person",
                "name": es.speaker.name,
                **({"jobTitle": es.speaker.affiliation} if es.speaker.affiliation else {}),
            }
            for es in edition.edition_speakers.all()
        ],
    }
    if image_url:
        data["image"] = [image_url]
    if http_url(edition.registration_href):
        # No price: the seeds do not say what attending costs.
        data["offers"] = {"@type": "Offer", "url": http_url(edition.registration_href)}
    return data


def json_ld(data):
    """For a <script type="application/ld+json"> block: no way out of the element."""
    text = json.dumps(data, ensure_ascii=False, indent=None)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return mark_safe(text)  # noqa: S308 - every character that could end the element is escaped
