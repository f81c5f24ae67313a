"""A registration's history on its admin page: each decision, who made it and when, oldest first."""

from django.contrib import admin
from django.contrib.auth import get_permission_codename

from ..models import Decision, Registration


class DecisionInline(admin.TabularInline):
    model = Decision
    verbose_name = "decision"
    verbose_name_plural = "History of decisions"
    extra = 0
    can_delete = False
    fields = ["outcome", "decided_by", "at"]
    readonly_fields = fields
    ordering = ["at", "pk"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")

    @admin.display(description="By")
    def decided_by(self, decision):
        return decision.who

    # The history is the registration's, written by its steps alone: whoever may see the
    # registration reads it, and nobody adds or changes a line.
    def has_view_permission(self, request, obj=None):
        opts = Registration._meta
        return any(
            request.user.has_perm(f"{opts.app_label}.{get_permission_codename(action, opts)}")
            for action in ("view", "change")
        )

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
