"""What every admin page of the site shares: the base classes and the thumbnail column."""

from django.db import models
from django.utils.html import conditional_escape, format_html
from simple_history.admin import SimpleHistoryAdmin

from .admin_widgets import MARKDOWN_OVERRIDES
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
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}, **MARKDOWN_OVERRIDES}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        # The admin shows help texts as HTML, which ate the "<slug>" of "/editions/<slug>/" as a
        # tag; ours are plain text (a help text marked safe would pass through unchanged).
        if formfield is not None:
            formfield.help_text = conditional_escape(formfield.help_text)
        return formfield


class ContentInline:
    formfield_overrides = ContentAdmin.formfield_overrides
