"""Reading parts of rendered pages in tests."""

MAP_START = '<svg viewBox="0 0 '
MAP_LABEL = 'aria-labelledby="map-title"'


def archive_map(html):
    """The archive map's <svg>…</svg>, or "" when the page has no map (the header's mark is not it)."""
    label = html.find(MAP_LABEL)
    if label < 0:
        return ""
    start = html.rindex("<svg", 0, label)
    return html[start : html.index("</svg>", label)]
