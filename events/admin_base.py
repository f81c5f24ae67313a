"""What every admin page of the site shares: the base classes and the thumbnail column."""

from django.db import models
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from .media import available
from .uploads import THUMBNAIL_BOX, fitted_size


def thumbnail(image, spec, size, alt=""):
    """An <img> of an image's thumbnail rendition, sized from the stored original's size."""
    if not image:
        return "—"
    if not available(image):
        # The organiser opens the form to replace it, so say so rather than fail.
        return "File missing: upload it again"
    width, height = fitted_size(*size, *THUMBNAIL_BOX)
    return format_html('<img src="{}" width="{}" height="{}" alt="{}">', spec.url, width, height, alt)


class ContentAdmin(SimpleHistoryAdmin):
    # Organisers paste addresses without a scheme; they are https today.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class ContentInline:
    formfield_overrides = ContentAdmin.formfield_overrides
