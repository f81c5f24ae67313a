from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from .models import DEFAULT_BODY, DEFAULT_TITLE, Application, ApplicationMessage, CutOff, HostingPage


@admin.register(HostingPage)
class HostingPageAdmin(SimpleHistoryAdmin):
    list_display = ["title", "updated_at"]

    def get_changeform_initial_data(self, request):
        # Organisers start from the words the page shows until they save their own.
        return {"title": DEFAULT_TITLE, "body": DEFAULT_BODY}

    def has_add_permission(self, request):
        # One page: the site reads the first row, so a second one would never show.
        return super().has_add_permission(request) and not HostingPage.objects.exists()


@admin.register(CutOff)
class CutOffAdmin(admin.ModelAdmin):
    list_display = ["call", "label", "at", "time_zone"]
    list_filter = ["call"]


class MessageInline(admin.TabularInline):
    model = ApplicationMessage
    extra = 0
    can_delete = False
    fields = readonly_fields = ["kind", "created_at", "sent_at", "attempts", "last_error"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = [
        "reference",
        "organisation",
        "city",
        "country",
        "call",
        "cut_off",
        "status",
        "confirmed_at",
    ]
    list_filter = ["call", "cut_off", "country", "status"]
    search_fields = ["reference", "organisation", "city", "region", "contact_name", "email"]
    list_select_related = ["call", "cut_off"]
    readonly_fields = ["reference", "created_at", "confirmed_at", "letter"]
    exclude = ["support_letter"]
    filter_horizontal = ["themes"]
    inlines = [MessageInline]

    @admin.display(description="support letter")
    def letter(self, application):
        # Through the staff-only view: the file has no public address.
        if not application.support_letter:
            return "—"
        return format_html(
            '<a href="{}">Download the PDF</a>', reverse("hosting:support-letter", args=[application.pk])
        )
