"""Responsive images from the renditions in events.imagery.uploads.

Widths and heights are computed from the stored size of the original, so a
page never opens an image file to render its markup; an original missing from
storage renders as no image (events.imagery.media.available).
"""

from django import template

from events.imagery.media import available
from events.imagery.uploads import (
    HERO_FALLBACK_WIDTH,
    HERO_WIDTHS,
    LOGO_BOX,
    LOGO_BOX_1X,
    PORTRAIT_SIDE_1X,
    fitted_size,
)

register = template.Library()


def showable(image, width, height):
    """Whether a page can show an upload: its file is in storage and its size is known.

    The size is stored at upload; a row written around the model (by SQL, say) may
    lack it, and pages never open files to measure them: such an image is left out.
    """
    return available(image) and bool(width) and bool(height)


@register.inclusion_tag("includes/_hero_picture.html")
def hero_picture(edition):
    """The edition's photo; its drawn cover when the photo cannot be shown."""
    width, height = edition.hero_image_width, edition.hero_image_height
    if not showable(edition.hero_image, width, height):
        return {"available": False, "edition": edition}
    sources, seen = [], set()
    for target in HERO_WIDTHS:
        fitted = fitted_size(width, height, target)[0]
        if fitted not in seen:
            seen.add(fitted)
            sources.append((getattr(edition, f"hero_{target}").url, fitted))
    fallback_width, fallback_height = fitted_size(width, height, HERO_FALLBACK_WIDTH)
    return {
        "available": True,
        "edition": edition,
        "srcset": ", ".join(f"{url} {w}w" for url, w in sources),
        "width": fallback_width,
        "height": fallback_height,
    }


@register.inclusion_tag("includes/_logo_picture.html")
def logo_picture(organisation):
    if not showable(organisation.logo, organisation.logo_width, organisation.logo_height):
        return {"available": False}
    width, height = fitted_size(organisation.logo_width, organisation.logo_height, *LOGO_BOX_1X)
    retina = fitted_size(organisation.logo_width, organisation.logo_height, *LOGO_BOX)
    return {
        "available": True,
        "organisation": organisation,
        "width": width,
        "height": height,
        "has_2x": retina[0] > width,
    }


@register.inclusion_tag("includes/_brand_logo.html")
def brand_logo(identity):
    """The organisers' logo for the header, with its alt text; nothing (so the site's mark) without one."""
    context = logo_picture(identity)
    return {**context, "alt": identity.logo_alt}


@register.inclusion_tag("includes/_portrait.html")
def portrait(speaker, size="small"):
    """A speaker's photo as a square avatar, or their initials in a circle when there is none.

    The renditions are always PORTRAIT_SIDE_1X square (2x for sharp screens); CSS
    shows them smaller on the edition page (`size`).
    """
    return {
        "available": available(speaker.photo),
        "speaker": speaker,
        "side": PORTRAIT_SIDE_1X,
        "size": size,
    }
