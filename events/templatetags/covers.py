from django import template

from events.imagery.covers import cover_for, has_photo

register = template.Library()


@register.inclusion_tag("includes/_cover.html")
def cover(edition, size="card"):
    """The edition's cover: its photo, else the host country's outline; the city and dates on top."""
    return {"cover": cover_for(edition), "edition": edition, "size": size}


@register.inclusion_tag("includes/_cover_tile.html")
def cover_tile(edition):
    """A compact row's small square of the cover: its colour and outline, without the words."""
    return {"cover": cover_for(edition)}


@register.filter
def as_row(edition):
    """An edition with nothing to show beyond its facts (no photo, no summary) is listed as a compact
    row: a card would be a large picture around a few words."""
    return not has_photo(edition) and edition.summary_on_site is None
