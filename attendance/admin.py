"""Attendance in the admin: the check-in page per edition and day, the attendance rows, and what
attendance adds to the registrations' admin (the days on each registration, the attended /
no-show filter, the CSV's columns) and to the edition's (links to its check-in pages).

Attendance extends the registrations' and the editions' admins, as registrations extends events':
the app that owns the data puts it on the pages below, which import nothing from it.
"""

from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.timezone import now as utc_now

from events.admin.base import EditionScoped, whole_number
from registrations.admin.editions import EditionWithRegistrationsAdmin
from registrations.admin.registrations import RegistrationAdmin
from registrations.models import Registration

from . import check_in_page
from .models import Attendance


@admin.register(Attendance)
class AttendanceAdmin(EditionScoped, admin.ModelAdmin):
    """The rows themselves, to look through and to delete a mistaken one; they are made on the
    check-in page (or by the signed link), never by this admin's form."""

    edition_path = "registration__edition"
    list_display = ["registration", "day", "checked_in_at", "checked_in_by"]
    list_filter = ["day"]
    list_select_related = ["registration__edition", "checked_in_by"]
    search_fields = ["registration__name", "registration__organisation"]
    date_hierarchy = "day"
    fields = ["registration", "day", "checked_in_at", "checked_in_by"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def may_check_in(self, request):
        return request.user.has_perm("attendance.add_attendance")

    def get_urls(self):
        return [
            path(
                "check-in/<int:edition_pk>/",
                self.admin_site.admin_view(self.first_day_view),
                name="attendance_attendance_check_in_first",
            ),
            path(
                "check-in/<int:edition_pk>/<str:day>/",
                self.admin_site.admin_view(self.check_in_view),
                name="attendance_attendance_check_in",
            ),
            *super().get_urls(),
        ]

    def first_day_view(self, request, edition_pk):
        return check_in_page.first_day(self, request, edition_pk)

    def check_in_view(self, request, edition_pk, day):
        return check_in_page.check_in_page(self, request, edition_pk, day)


class AttendedFilter(admin.SimpleListFilter):
    """Who came and who did not: a no-show is an approved registrant of an edition that is over
    with no day checked in (during the edition, nobody is a no-show yet)."""

    title = "attendance"
    parameter_name = "attendance"

    def lookups(self, request, model_admin):
        return [("attended", "Attended"), ("no_show", "No-show (past editions)")]

    def queryset(self, request, queryset):
        attended = Exists(Attendance.objects.filter(registration=OuterRef("pk")))
        if self.value() == "attended":
            return queryset.filter(attended)
        if self.value() == "no_show":
            over = queryset.filter(status=Registration.Status.APPROVED, edition__ends_at__lte=utc_now())
            return over.exclude(attended)
        return queryset


class AttendanceColumns:
    """The CSV's attendance columns: whether the person walked in, and the days they attended
    (ISO dates, space-separated, as many as the edition has days), read in one query."""

    def __init__(self, queryset):
        self.days = {}
        rows = Attendance.objects.filter(registration__in=queryset.values("pk")).order_by("day")
        for registration_id, day in rows.values_list("registration_id", "day"):
            self.days.setdefault(registration_id, []).append(day.isoformat())

    def headings(self):
        return ["walk_in", "days_attended"]

    def cells(self, registration):
        days = self.days.get(registration.pk, [])
        return ["yes" if registration.walked_in else "no", " ".join(days)]


class RegistrationWithAttendanceAdmin(RegistrationAdmin):
    # The days as a line of the form, not an inline: nothing to edit there, and an inline would
    # add a formset that every save of the registration must post.
    readonly_fields = [*RegistrationAdmin.readonly_fields, "walked_in", "days_attended"]
    fields = [*RegistrationAdmin.fields, "walked_in", "days_attended"]
    list_filter = [*RegistrationAdmin.list_filter, AttendedFilter]

    @admin.display(description="Days attended")
    def days_attended(self, obj):
        days = [f"{a.day:%a} {a.day.day} {a.day:%B %Y}" for a in obj.attendances.all()]
        return ", ".join(days) or "None"

    def export_tables(self, queryset):
        return [*super().export_tables(queryset), AttendanceColumns(queryset)]

    def changelist_view(self, request, extra_context=None):
        edition_pk = whole_number(request.GET.get("edition__id__exact"))
        runs = edition_pk is not None and self.managed_editions(request).filter(pk=edition_pk).exists()
        check_in = runs and request.user.has_perm("attendance.add_attendance")
        url = reverse("admin:attendance_attendance_check_in_first", args=[edition_pk]) if check_in else ""
        return super().changelist_view(request, {**(extra_context or {}), "check_in_url": url})


class EditionWithCheckInAdmin(EditionWithRegistrationsAdmin):
    """The edition's form with a link to the check-in page of each of its days. Registered by the
    desk, the app at the top, which adds the edition's team to it."""

    readonly_fields = [*EditionWithRegistrationsAdmin.readonly_fields, "check_in"]
    fieldsets = [
        (name, {**options, "fields": [*options["fields"], "check_in"]})
        if name == "Time and registration"
        else (name, options)
        for name, options in EditionWithRegistrationsAdmin.fieldsets
    ]

    @admin.display(description="Check-in")
    def check_in(self, obj):
        if obj.pk is None:
            return "—"
        links = format_html_join(
            " · ",
            '<a href="{}">{}</a>',
            ((check_in_page.page_url(obj, day), f"{day:%a} {day.day} {day:%b}") for day in obj.days),
        )
        return format_html("{} (a page per day: search, check in, walk-ins)", links)


admin.site.unregister(Registration)
admin.site.register(Registration, RegistrationWithAttendanceAdmin)
