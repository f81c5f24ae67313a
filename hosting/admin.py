from django.contrib import admin
from django.db import models
from django.db.models import Avg
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from common.privacy import PersonalDataAdmin
from events.admin.base import ChecksPrefilledValues, CountryInUseFilter
from events.admin.widgets import MARKDOWN_OVERRIDES, ColumnCheckboxes

from . import flow
from .models import DEFAULT_BODY, DEFAULT_TITLE, Application, ApplicationMessage, CutOff, HostingPage, Review


@admin.register(HostingPage)
class HostingPageAdmin(ChecksPrefilledValues, SimpleHistoryAdmin):
    list_display = ["title", "updated_at"]
    formfield_overrides = MARKDOWN_OVERRIDES

    def get_changeform_initial_data(self, request):
        # Organisers start from the words the page shows until they save their own.
        return {"title": DEFAULT_TITLE, "body": DEFAULT_BODY}

    def has_add_permission(self, request):
        # One page: the site reads the first row, so a second one would never show.
        return super().has_add_permission(request) and not HostingPage.objects.exists()


@admin.register(CutOff)
class CutOffAdmin(ChecksPrefilledValues, admin.ModelAdmin):
    list_display = ["call", "label", "at", "time_zone"]
    list_filter = ["call"]


class MessageInline(admin.TabularInline):
    model = ApplicationMessage
    extra = 0
    can_delete = False
    fields = readonly_fields = ["kind", "created_at", "sent_at", "attempts", "last_error"]

    def has_add_permission(self, request, obj=None):
        return False


class ReviewInline(admin.TabularInline):
    model = Review
    extra = 1
    fields = ["reviewer", "score", "notes"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "reviewer":
            kwargs["initial"] = request.user.pk
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def _decision(status, description):
    @admin.action(description=description, permissions=["change"])
    def action(modeladmin, request, queryset):
        for pk in queryset.values_list("pk", flat=True):
            flow.decide(pk, status)
        count = queryset.count()
        applications = ngettext("%d application", "%d applications", count) % count
        modeladmin.message_user(request, f"{applications}: {status.label.lower()}.")

    action.__name__ = f"mark_{status}"
    return action


class ConfirmedFilter(admin.SimpleListFilter):
    """Whether the applicant confirmed their address: only then is an application to review."""

    title = "address"
    parameter_name = "confirmed"

    def lookups(self, request, model_admin):
        return [("yes", "Confirmed"), ("no", "Not confirmed")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(confirmed_at__isnull=self.value() == "no")
        return queryset


@admin.register(Application)
class ApplicationAdmin(PersonalDataAdmin, ChecksPrefilledValues, admin.ModelAdmin):
    list_display = [
        "reference",
        "organisation",
        "city",
        "country",
        "call",
        "cut_off",
        "status",
        "average_score",
        "confirmed_at",
    ]
    list_filter = ["call", "cut_off", CountryInUseFilter, "status", ConfirmedFilter]
    search_fields = ["reference", "organisation", "city", "region", "contact_name", "email"]
    list_select_related = ["call", "cut_off"]
    readonly_fields = ["reference", "created_at", "confirmed_at", "letter", "edition"]
    exclude = ["support_letter"]
    # The themes, the application's one many-to-many, ticked in columns as on an edition.
    formfield_overrides = {models.ManyToManyField: {"widget": ColumnCheckboxes}}
    inlines = [ReviewInline, MessageInline]
    actions = [
        _decision(Application.Status.SHORTLISTED, "Shortlist (sends its e-mail)"),
        _decision(Application.Status.ACCEPTED, "Accept and create a draft edition (sends its e-mail)"),
        _decision(Application.Status.DECLINED, "Decline (sends its e-mail)"),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(mean_score=Avg("reviews__score"))

    @admin.display(description="score", ordering="mean_score")
    def average_score(self, application):
        return "—" if application.mean_score is None else f"{application.mean_score:.1f}"

    def save_model(self, request, obj, form, change):
        # A new status goes through flow.decide: its e-mail, and on acceptance the draft edition.
        if change and "status" in form.changed_data:
            decided = obj.status
            obj.status = form.initial["status"]
            super().save_model(request, obj, form, change)
            flow.decide(obj.pk, decided)
            obj.refresh_from_db(fields=["status", "edition"])
        else:
            super().save_model(request, obj, form, change)

    @admin.display(description="support letter")
    def letter(self, application):
        # Through the staff-only view: the file has no public address.
        if not application.support_letter:
            return "—"
        return format_html(
            '<a href="{}">Download the PDF</a>', reverse("hosting:support-letter", args=[application.pk])
        )
