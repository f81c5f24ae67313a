"""What every admin page of the site shares: the base classes and the thumbnail column."""

import re

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.html import conditional_escape, format_html
from simple_history.admin import SimpleHistoryAdmin

from ..imagery.media import available
from ..imagery.uploads import THUMBNAIL_BOX, fitted_size
from .widgets import MARKDOWN_OVERRIDES


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


class ChecksPrefilledValues:
    """An add page's values prefilled from its query string ("?edition=12"), kept only where usable.

    Django passes them to the form as they come: the autocomplete widget looks an id
    up to show its label ("?edition=x" was a 500), and the date-time widget takes a
    date-time, not text ("?deadline=x", and any text at all, was a 500). An id must be
    a whole number; a date-time is read as a form would read it; others are shown as given.
    """

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        for name, value in list(initial.items()):
            try:
                field = self.opts.get_field(name)
            except FieldDoesNotExist:
                continue
            if field.is_relation:
                ids = value if isinstance(value, list) else [value]
                kept = [id for id in ids if whole_number(str(id)) is not None]
                initial[name] = kept if isinstance(value, list) else next(iter(kept), None)
            elif isinstance(field, models.DateTimeField):
                try:
                    initial[name] = forms.DateTimeField().clean(value)
                except ValidationError:
                    initial[name] = None
            if initial[name] in (None, []):
                del initial[name]
        return initial


class ContentAdmin(ChecksPrefilledValues, SimpleHistoryAdmin):
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
