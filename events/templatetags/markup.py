"""Organiser-written Markdown, rendered and then sanitised.

Markdown passes raw HTML through, so the sanitiser runs on its output: nh3
(ammonia) keeps a short list of tags and URL schemes and drops scripts,
event-handler attributes, iframes and javascript: links.
"""

import markdown as markdown_lib
import nh3
from django import template
from django.utils.safestring import mark_safe

from ..validators import http_url

register = template.Library()

# Pages own their <h1>; organiser headings start one level below.
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "i",
    "li", "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def render_markdown(text: str) -> str:
    html = markdown_lib.markdown(text or "", extensions=["extra", "sane_lists"], output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


@register.filter(name="markdown")
def markdown_filter(text):
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitised by nh3 above


@register.filter
def web_url(value):
    """An organiser's URL for an href: only http(s) gets through."""
    return http_url(value)
