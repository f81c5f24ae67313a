"""Organisers' text on its way to pages, feeds and calendars.

Markdown passes raw HTML through, so the sanitiser runs on its output: nh3
(ammonia) keeps a short list of tags and URL schemes and drops scripts,
event-handler attributes, iframes and javascript: links.
"""

from urllib.parse import urlsplit

import markdown as markdown_lib
import nh3

# Pages own their <h1>; organiser headings start one level below.
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "i",
    "li", "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def render_markdown(text: str) -> str:
    """Sanitised HTML from an organiser's Markdown."""
    html = markdown_lib.markdown(text or "", extensions=["extra", "sane_lists"], output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


def http_url(value) -> str:
    """The URL if it is http(s), else "".

    URL fields are validated in forms, but data can arrive in other ways
    (fixtures, the shell, a restored backup); a javascript: link must never
    reach a page or a calendar.
    """
    value = str(value or "").strip()
    return value if urlsplit(value).scheme.lower() in {"http", "https"} else ""
