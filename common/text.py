"""Organisers' text on its way to pages, feeds and calendars.

Markdown is parsed by markdown-it-py (CommonMark and tables), whose time grows
linearly with the text even on hostile input (Python-Markdown took 30 s on
20,000 "["). Markdown passes raw HTML through, so the sanitiser runs on its
output: nh3 (ammonia) keeps a short list of tags and URL schemes and drops
scripts, event-handler attributes, iframes and javascript: links.
"""

import re
import unicodedata
from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt

# Pages own their <h1>; organiser headings start one level below.
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "i",
    "li", "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


_MARKDOWN = MarkdownIt("commonmark", {"html": True}).enable("table")
# Every link becomes an <a>, whatever its scheme: nh3 then drops an href it does
# not allow, and readers see the link's text rather than raw Markdown.
_MARKDOWN.validateLink = lambda url: True


def render_markdown(text: str) -> str:
    """Sanitised HTML from an organiser's Markdown; rendered when a row is saved (models/fields.py)."""
    html = _MARKDOWN.render(text or "")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


# A spreadsheet runs a cell that starts with one of these as a formula ("CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value) -> str:
    """A CSV cell's text, with a leading apostrophe where a spreadsheet would run it as a formula.

    Every CSV the site writes (open data, registrations, feedback, the report) passes its cells
    through here: names, titles, labels and answers are text anyone typed. None is an empty cell.
    """
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def http_url(value) -> str:
    """The URL if it is http(s), else "".

    URL fields are validated in forms, but data can arrive in other ways
    (fixtures, the shell, a restored backup); a javascript: link must never
    reach a page or a calendar.
    """
    value = str(value or "").strip()
    return value if urlsplit(value).scheme.lower() in {"http", "https"} else ""


def fold(text) -> str:
    """Accent- and case-blind form of a text, for search and name matching: "Kraków" -> "krakow".

    Decomposes each letter (NFKD) and drops the combining marks, then casefolds
    ("ß" -> "ss"). Letters that are not a base letter plus a mark (ł, ø) stay.
    """
    decomposed = unicodedata.normalize("NFKD", str(text or ""))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


_WORD = re.compile(r"\w+")


def words(text) -> list[str]:
    """The folded words of a text, in order, without repeats."""
    return list(dict.fromkeys(_WORD.findall(fold(text))))
