"""What every admin page of the site shares: the base classes and the thumbnail column."""

import re

from django.db import models
from django.utils.html import conditional_escape, format_html
from simple_history.admin import SimpleHistoryAdmin

from .admin_widgets import MARKDOWN_OVERRIDES
from .media import available
from .uploads import THUMBNAIL_BOX, fitted_size


def whole_number(value, digits=9):
    """A year or an id from a query string as an int, or None for anything else.

    ASCII digits only ("²" is a digit to str.isdigit() and not to int()), and few enough
    for any database's integer column.
    """
    if isinstance(value, str) and re.fullmatch(rf"[0-9]{{1,{digits}}}", value):
        return int(value)
    return None


def thumbnail(image, spec, size, alt=""):
    """An <img> of an image's thumbnail rendition, sized from the stored original's size."""
    if not image:
        return "—"
    if not available(image):
        # The organiser opens the form to replace it, so say so rather than fail.
        return "File missing: upload it again"
    width, height = fitted_size(*size, *THUMBNAIL_BOX)
    return format_html('<img src="{}" width="{}" height="{}" alt="{}">', spec.url, width, height, alt)


class ChecksInitialIds:
    """Drops a prefilled id ("?edition=12" on an add page) that is not a whole number.

    Django's autocomplete widget looks the value up to show its label, and a
    value that is not an id ("?edition=x") was a 500 where it should be nothing.
    """

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        for name in self.get_autocomplete_fields(request):
            if name not in initial:
                continue
            value = initial[name]
            ids = value if isinstance(value, list) else [value]
            kept = [id for id in ids if whole_number(str(id)) is not None]
            if not kept:
                del initial[name]
            else:
                initial[name] = kept if isinstance(value, list) else kept[0]
        return initial


class ContentAdmin(ChecksInitialIds, SimpleHistoryAdmin):
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
