"""The main navigation's marker of where the visitor is."""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

CURRENT = mark_safe(' aria-current="page"')


@register.simple_tag(takes_context=True)
def aria_current(context, url):
    """` aria-current="page"` on the link to the page being shown, so the template compares nothing."""
    request = context.get("request")
    return CURRENT if request is not None and request.path == url else ""
