"""The registrations list's filter for e-mails that could not be delivered (the desk links to it)."""

from django.contrib import admin

from .. import figures


class DeliveryFilter(admin.SimpleListFilter):
    title = "e-mail"
    parameter_name = "delivery"

    def lookups(self, request, model_admin):
        return [("failed", "Not delivered (last 7 days)")]

    def queryset(self, request, queryset):
        if self.value() == "failed":
            return queryset.filter(pk__in=figures.failed_lately().values("registration"))
        return queryset
