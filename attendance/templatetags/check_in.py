"""The check-in code on the registrant's own page (templates/attendance/_own_page.html)."""

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe

from common.qr import qr_svg

register = template.Library()


@register.simple_tag
def check_in_code(registration):
    """The code's SVG while it can check someone in (approved, the edition in person or hybrid and
    not over), else ""."""
    edition = registration.edition
    if not registration.is_approved or not edition.has_venue or edition.is_over():
        return ""
    url = settings.SITE_URL + registration.check_in_url()
    return mark_safe(qr_svg(url, label="Your check-in code"))  # noqa: S308 - segno's markup, our own URL
