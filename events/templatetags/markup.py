"""Template filters over events.text: organisers' Markdown and URLs."""

from django import template
from django.utils.safestring import mark_safe

from ..text import http_url, render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitised by nh3


@register.filter
def web_url(value):
    """An organiser's URL for an href: only http(s) gets through."""
    return http_url(value)
