from django import template
from django.conf import settings
from django.urls import reverse

from events import ics

register = template.Library()


@register.inclusion_tag("includes/_add_to_calendar.html")
def add_to_calendar(edition, labelled=True, ics_url=""):
    """The links that add one edition to a calendar; `labelled=False` under a heading that says so.
    `ics_url`: another .ics of the same event (a registrant's, which holds the join link)."""
    site_url = settings.SITE_URL
    return {
        "edition": edition,
        "labelled": labelled,
        "ics_url": ics_url or reverse("events:edition-ics", args=[edition.slug]),
        "google": ics.google_add_link(edition, site_url=site_url),
        "outlook": ics.outlook_add_link(edition, site_url=site_url),
        "office365": ics.outlook_add_link(edition, site_url=site_url, host="outlook.office.com"),
    }


@register.inclusion_tag("includes/_subscribe.html")
def subscribe(feed_url_name, name, *args, help_link=True, labelled=True):
    """The links that subscribe a calendar to a feed; `help_link=False` on the page it leads to,
    `labelled=False` under a heading and sentence that already say what they do."""
    return {
        "name": name,
        "labelled": labelled,
        "help_link": help_link,
        "links": ics.subscribe_links(settings.SITE_URL + reverse(feed_url_name, args=args), name),
    }
