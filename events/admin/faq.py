"""The FAQ's entries: questions and answers for registrants and for regions applying to host."""

from django.contrib import admin

from .. import models
from .base import ChecksPrefilledValues
from .widgets import MARKDOWN_OVERRIDES


@admin.register(models.FaqEntry)
class FaqEntryAdmin(ChecksPrefilledValues, admin.ModelAdmin):
    list_display = ["question", "audience", "order"]
    list_editable = ["order"]
    list_filter = ["audience"]
    search_fields = ["question", "answer"]
    fields = ["audience", "question", "answer", "order"]
    formfield_overrides = MARKDOWN_OVERRIDES

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "order":
            # Edited in the list too, where its box sits in a cell with no label of its own.
            formfield.widget.attrs["aria-label"] = "Order"
        return formfield
