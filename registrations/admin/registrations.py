"""Organisers' view of registrations: filters, search, the approval actions, CSV and a printable list."""

import csv
import logging

from django.contrib import admin, messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils.translation import ngettext

from common.privacy import PersonalDataAdmin
from common.text import spreadsheet_safe
from events.admin.base import ChecksPrefilledValues, CountryInUseFilter, EditionScoped, whole_number

from .. import flow
from ..answers import AnswerTable
from ..models import Actor, Message, Registration
from .answers import ShowsAnswers
from .decisions import DecisionHistory
from .editions import edition_counts
from .filters import DeliveryFilter

Status = Registration.Status
logger = logging.getLogger(__name__)


def _done(outcome):
    """ "12 approved, 4,988 on the waiting list, 3 left as they were"."""
    parts = [f"{count:,} {Status(status).label.lower()}" for status, count in sorted(outcome.changed.items())]
    return ", ".join([*parts, f"{outcome.unchanged:,} left as they were"])


class MessageInline(admin.TabularInline):
    model = Message
    extra = 0
    can_delete = False
    fields = ["kind", "sequence", "created_at", "sent_at", "attempts", "last_error"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Registration)
class RegistrationAdmin(
    EditionScoped, DecisionHistory, PersonalDataAdmin, ChecksPrefilledValues, ShowsAnswers, admin.ModelAdmin
):
    list_display = ["name", "email", "organisation", "country", "kind", "status", "edition", "confirmed_at"]
    list_filter = ["status", CountryInUseFilter, "kind", "edition", DeliveryFilter]
    list_select_related = ["edition"]
    search_fields = ["name", "email", "organisation"]
    readonly_fields = [
        "answers",
        "edition",
        "status",
        "history",
        "created_at",
        "confirmed_at",
        "queued_at",
        "offer_expires_at",
        "sent_sequence",
        "anonymised_at",
    ]
    fields = ["name", "email", "organisation", "country", "kind", *readonly_fields]
    inlines = [MessageInline]
    actions = ["approve", "decline", "move_to_waiting_list", "export_csv"]

    def has_add_permission(self, request):
        return False  # registrants register themselves, confirming their address

    def _run(self, request, queryset, change):
        """Runs a flow action on the selection, in the order of confirmation, and says what it did."""
        pks = list(queryset.order_by("confirmed_at", "pk").values_list("pk", flat=True))
        try:
            outcome = change(pks, by=Actor.staff(request.user))
        except flow.StoppedPartway as stopped:
            logger.exception("Admin action %s stopped partway", change.__name__)
            outcome = stopped.outcome
            rest = outcome.selected - outcome.reached
            messages.error(
                request,
                f"Stopped after {outcome.reached:,} of "
                + ngettext("%s registration", "%s registrations", outcome.selected) % f"{outcome.selected:,}"
                + " "
                f"({stopped.__cause__!r}): {_done(outcome)}, their e-mails queued. "
                f"The other {rest:,} are unchanged: select them and run the action again.",
            )
            return
        summary = f"{outcome.selected:,} selected: {_done(outcome)}. Their e-mails are queued."
        messages.success(request, summary)

    # Each status change asks for the change permission: without it, Django offers an action to
    # anyone who may view the list, and a read-only account could approve or decline.
    @admin.action(
        description="Approve (a place while any is left, else the waiting list)", permissions=["change"]
    )
    def approve(self, request, queryset):
        self._run(request, queryset, flow.approve_many)

    @admin.action(description="Decline", permissions=["change"])
    def decline(self, request, queryset):
        self._run(request, queryset, flow.decline_many)

    @admin.action(description="Move to the waiting list", permissions=["change"])
    def move_to_waiting_list(self, request, queryset):
        self._run(request, queryset, flow.move_many_to_waiting_list)

    @admin.action(description="Export to CSV")
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="registrations.csv"'
        # The byte order mark is how Excel knows the file is UTF-8: without it, accents come out garbled.
        response.write("\ufeff")
        writer = csv.writer(response, lineterminator="\r\n")
        # One column per question of the exported editions, read in one go, not once per row.
        queryset = queryset.prefetch_related(None).select_related("edition")
        tables = [AnswerTable(queryset), *self.export_tables(queryset)]
        heading = ["edition", "name", "email", "organisation", "country", "kind", "status", "confirmed_at"]
        writer.writerow(map(spreadsheet_safe, [*heading, *(h for table in tables for h in table.headings())]))
        for r in queryset:
            row = [r.edition.slug, r.name, r.email, r.organisation, r.country.code, r.kind, r.status]
            confirmed = r.confirmed_at.isoformat() if r.confirmed_at else ""
            cells = (cell for table in tables for cell in table.cells(r))
            writer.writerow(map(spreadsheet_safe, [*row, confirmed, *cells]))
        return response

    def export_tables(self, queryset):
        """More columns for the CSV, after the answers: objects with headings() and cells(row), read
        in one go as AnswerTable is. The apps above registrations add theirs (attendance's days)."""
        return []

    def get_urls(self):
        attendance = self.admin_site.admin_view(self.attendance_list)
        return [
            path("attendance/<int:edition_pk>/", attendance, name="registrations_attendance"),
            *super().get_urls(),
        ]

    def attendance_list(self, request, edition_pk):
        """A printable list of the approved registrants, with a column to sign."""
        if not self.has_view_permission(request):
            return HttpResponse(status=403)
        edition = get_object_or_404(self.managed_editions(request), pk=edition_pk)
        people = Registration.objects.filter(edition=edition, status=Status.APPROVED).order_by("name")
        answers = AnswerTable(people)
        context = {
            "edition": edition,
            "people": [(person, answers.cells(person)) for person in people],
            "questions": answers.headings(),
        }
        return render(request, "registrations/attendance.html", context)

    def changelist_view(self, request, extra_context=None):
        edition_pk = whole_number(request.GET.get("edition__id__exact"))
        edition = None if edition_pk is None else self.managed_editions(request).filter(pk=edition_pk).first()
        extra_context = {
            **(extra_context or {}),
            "edition": edition,
            "counts": edition_counts(edition) if edition else "",
        }
        return super().changelist_view(request, extra_context)
