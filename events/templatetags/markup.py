"""Organisers' URLs in templates; their Markdown arrives rendered (models/fields.py)."""

from django import template

from common.text import http_url

register = template.Library()


@register.filter
def web_url(value):
    """An organiser's URL for an href: only http(s) gets through."""
    return http_url(value)
