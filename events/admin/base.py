"""What every admin page of the site shares: the base classes, the scoping to managed editions
and the thumbnail column."""

import re

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.html import conditional_escape, format_html
from django.utils.text import capfirst
from django_countries import countries
from simple_history.admin import SimpleHistoryAdmin

from ..imagery.media import available
from ..imagery.uploads import THUMBNAIL_BOX, fitted_size
from ..models import Edition
from ..roles import is_organiser
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


class ManagedEditionFilter(admin.RelatedFieldListFilter):
    """The list filter on an edition, offering only the editions the user manages."""

    def field_choices(self, field, request, model_admin):
        return [(edition.pk, str(edition)) for edition in Edition.objects.managed_by(request.user)]


class EditionScoped:
    """A ModelAdmin mixin: each person reaches only the rows of the editions they manage.

    `edition_path` names the way from the admin's model to its edition: "edition" (the default),
    "registration__edition" further off, "pk" for the Edition itself. The editions are
    Edition.objects.managed_by(user): every one for organisers and superusers, for whom nothing
    changes; a host team member's own otherwise. For them it limits the change list, its search
    and date drill-down, every action and export (all start from get_queryset); the change, delete
    and history pages (a row outside is not found, or refused); the object permissions every view
    asks; a foreign key's choice of editions and its autocomplete; and the list filter named by
    `edition_path`. Put it first among the bases: `class XAdmin(EditionScoped, admin.ModelAdmin)`.
    """

    edition_path = "edition"

    def managed_editions(self, request):
        return Edition.objects.managed_by(request.user)

    def _scoped(self, request, queryset):
        if is_organiser(request.user):
            return queryset
        return queryset.filter(**{f"{self.edition_path}__in": self.managed_editions(request)})

    def get_queryset(self, request):
        return self._scoped(request, super().get_queryset(request))

    def manages(self, request, obj):
        """Whether `obj` (a row, or a past version of one from its history) is in the user's editions."""
        if obj is None or obj.pk is None or is_organiser(request.user):
            return True
        return self._scoped(request, self.model._default_manager.filter(pk=obj.pk)).exists()

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self.manages(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.manages(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.manages(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Edition and not is_organiser(request.user):
            kwargs["queryset"] = self.managed_editions(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_list_filter(self, request):
        return [
            (name, ManagedEditionFilter) if name == self.edition_path else name
            for name in super().get_list_filter(request)
        ]


class CountryInUseFilter(admin.SimpleListFilter):
    """The countries the listed rows have, by name: Django's filter of a CountryField offers all
    250 of the world's, a column taller than the list."""

    title = "country"
    parameter_name = "country"

    def lookups(self, request, model_admin):
        codes = model_admin.get_queryset(request).order_by().values_list("country", flat=True).distinct()
        return sorted(((code, countries.name(code)) for code in set(codes) if code), key=lambda c: c[1])

    def queryset(self, request, queryset):
        return queryset.filter(country=self.value()) if self.value() else queryset


def admin_zone_help():
    """The zone the admin's date-and-time fields are entered in (Django's current zone, TIME_ZONE)."""
    return f"In {settings.TIME_ZONE} time; the site shows it in the venue's zone."


class ContentAdmin(ChecksPrefilledValues, SimpleHistoryAdmin):
    # Organisers paste addresses without a scheme; they are https today.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}, **MARKDOWN_OVERRIDES}
    # Help texts the admin's form says where the model's do not (a model's would need a migration).
    help_texts = {}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and db_field.name in self.help_texts:
            formfield.help_text = self.help_texts[db_field.name]
        if formfield is not None and isinstance(formfield.widget, forms.SplitDateTimeWidget):
            # The admin's date and time boxes share one <label>, which names only the first.
            label = capfirst(formfield.label or db_field.verbose_name)
            for widget, part in zip(formfield.widget.widgets, ("date", "time"), strict=True):
                widget.attrs["aria-label"] = f"{label}: {part}"
        # The admin shows help texts as HTML, which ate the "<slug>" of "/editions/<slug>/" as a
        # tag; ours are plain text (a help text marked safe would pass through unchanged).
        if formfield is not None:
            formfield.help_text = conditional_escape(formfield.help_text)
        return formfield


class ContentInline:
    formfield_overrides = ContentAdmin.formfield_overrides
