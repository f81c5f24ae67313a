from django import template

from events.imagery.covers import cover_for

register = template.Library()


@register.inclusion_tag("includes/_cover.html")
def cover(edition, size="card"):
    """The edition's cover: its photo, else the host country's outline; the dates on top."""
    return {"cover": cover_for(edition), "edition": edition, "size": size}
