"""Links in the HTML part of e-mails: the site's own addresses only.

`urlize` would make a link of any address in the text, and the text holds what applicants and
organisers typed (an organisation, a title, a name): a phishing link in our own e-mail. Here
everything is escaped, and only an address on SITE_URL, or one the caller names (the join link
of an online edition), becomes a link.
"""

import re

from django import template
from django.conf import settings
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe

register = template.Library()

# An address as it stands in escaped text: up to the next space or markup character.
ADDRESS = re.compile(r"https?://[^\s<>\"']+")
TRAILING = ".,;:!?)"


@register.filter
def site_links(text, also=""):
    """The text escaped, with the site's addresses (and `also`, exactly) as links."""
    site = escape(settings.SITE_URL.rstrip("/") + "/")
    also = escape(also) if also else None

    def link(match):
        address = match[0].rstrip(TRAILING)
        rest = match[0][len(address) :]
        if address.startswith(site) or address == also:
            return f'<a href="{address}">{address}</a>{rest}'
        return match[0]

    return mark_safe(ADDRESS.sub(link, conditional_escape(text)))  # noqa: S308 - escaped above
