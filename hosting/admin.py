from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import DEFAULT_BODY, DEFAULT_TITLE, CutOff, HostingPage


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
