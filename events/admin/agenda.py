"""The agenda in the admin: its own list and form, apart from the Edition form.

An edition can have hundreds of sessions. As an inline on the Edition form
they made a page of megabytes and a POST over DATA_UPLOAD_MAX_NUMBER_FIELDS;
here they are paginated, and the Edition form shows only a summary.
"""

from django.contrib import admin
from django.http import QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from .. import models
from .base import ChecksPrefilledValues, EditionScoped, whole_number
from .widgets import MARKDOWN_OVERRIDES

EDITION_PARAMETER = "edition__id__exact"


def agenda_url(edition_id):
    return f"{reverse('admin:events_agendaitem_changelist')}?{EDITION_PARAMETER}={edition_id}"


def add_session_url(edition_id):
    return f"{reverse('admin:events_agendaitem_add')}?edition={edition_id}"


def agenda_summary(edition, shown=3):
    """The agenda's size, its first and last sessions, and links to edit it.

    Three queries whatever the agenda's length, so the Edition form stays
    small and fast with hundreds of sessions.
    """
    items = edition.agenda_items.all()
    count = items.count()
    links = format_html(
        '<a href="{}">Edit the agenda ({} session{})</a> · <a href="{}">Add a session</a>',
        agenda_url(edition.pk),
        count,
        "" if count == 1 else "s",
        add_session_url(edition.pk),
    )
    if count == 0:
        return format_html("<p>No sessions yet.</p><p>{}</p>", links)
    first = list(items[:shown])
    last = list(items.reverse()[: min(shown, count - len(first))])[::-1]
    rows = [str(item) for item in first]
    if count > len(first) + len(last):
        rows.append("…")
    rows += [str(item) for item in last]
    listed = format_html_join("", "<li>{}</li>", ((row,) for row in rows))
    return format_html("<ul>{}</ul><p>{}</p>", listed, links)


class AgendaEditionFilter(admin.SimpleListFilter):
    """One edition's sessions; the Edition form links here.

    Offers the chosen edition and the latest ones with an agenda, not every
    edition in the archive.
    """

    title = "edition"
    parameter_name = EDITION_PARAMETER
    recent = 15

    def lookups(self, request, model_admin):
        managed = model_admin.managed_editions(request)
        editions = managed.filter(agenda_items__isnull=False).distinct()
        editions = list(editions.order_by("-start_date")[: self.recent])
        chosen = whole_number(self.value())
        if chosen is not None and all(e.pk != chosen for e in editions):
            editions += managed.filter(pk=chosen)
        return [(str(e.pk), str(e)) for e in editions]

    def queryset(self, request, queryset):
        edition = whole_number(self.value())
        return queryset if edition is None else queryset.filter(edition_id=edition)


# Not ContentAdmin: no URL fields here for its https default.
@admin.register(models.AgendaItem)
class AgendaItemAdmin(EditionScoped, ChecksPrefilledValues, SimpleHistoryAdmin):
    list_display = ["day", "start_time", "end_time", "title", "edition"]
    list_display_links = ["day", "start_time", "title"]
    list_filter = [AgendaEditionFilter]
    list_select_related = ["edition"]
    search_fields = ["title", "description", "edition__title", "speakers__name"]
    # The latest edition first, each one's sessions in the order they happen.
    ordering = ["-edition__start_date", "edition", "day", "start_time", "id"]
    autocomplete_fields = ["edition", "speakers"]
    fields = ["edition", ("day", "start_time", "end_time"), "title", "description", "speakers"]
    formfield_overrides = MARKDOWN_OVERRIDES

    def view_on_site(self, obj):
        # A session has no page of its own: it is listed on its edition's.
        return obj.edition.get_absolute_url() + "#agenda"

    def get_changeform_initial_data(self, request):
        # "Add a session" passes ?edition=<pk>; the filtered list's own "Add"
        # button passes its filter. Either way, start on the edition's first day.
        initial = super().get_changeform_initial_data(request)
        filters = QueryDict(request.GET.get("_changelist_filters", ""))
        edition = whole_number(str(initial.get("edition") or filters.get(EDITION_PARAMETER, "")))
        if edition is None:
            return initial
        editions = self.managed_editions(request)
        start = editions.filter(pk=edition).values_list("start_date", flat=True).first()
        if start:
            initial.setdefault("edition", edition)
            initial.setdefault("day", start)
        return initial

    def response_add(self, request, obj, post_url_continue=None):
        response = super().response_add(request, obj, post_url_continue)
        if "_addanother" in request.POST and not request.GET.get("_changelist_filters"):
            return redirect(add_session_url(obj.edition_id))
        return response

    def response_post_save_add(self, request, obj):
        # Back to the agenda being edited, not to every session in the archive.
        if request.GET.get("_changelist_filters"):
            return super().response_post_save_add(request, obj)
        return redirect(agenda_url(obj.edition_id))
