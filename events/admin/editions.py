from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import ngettext

from .. import models, todo
from .agenda import agenda_summary
from .base import ContentAdmin, ContentInline, EditionScoped, admin_zone_help, thumbnail
from .columns import CountryFilter, YearFilter, short_date_range, status_badge
from .widgets import ColumnCheckboxes


# Each inline row posts 5 or 6 fields. Capped here, the Edition form posts about
# 810 fields plus one per theme even with every row full, inside Django's
# DATA_UPLOAD_MAX_NUMBER_FIELDS of 1000 (tests/events/admin/test_agenda.py fills them).
# The agenda, which can run to hundreds of sessions, has its own admin
# (events/admin/agenda.py); the form shows a summary and links to it.
class EditionHostInline(ContentInline, admin.TabularInline):
    model = models.EditionHost
    extra = 0
    max_num = 20
    autocomplete_fields = ["host"]


class PartnershipInline(ContentInline, admin.TabularInline):
    model = models.Partnership
    extra = 0
    max_num = 40
    autocomplete_fields = ["partner"]


class EditionSpeakerInline(ContentInline, admin.TabularInline):
    model = models.EditionSpeaker
    extra = 0
    max_num = 80
    autocomplete_fields = ["speaker"]


@admin.register(models.Edition)
class EditionAdmin(EditionScoped, ContentAdmin):
    edition_path = "pk"
    # Few enough columns to fit beside the admin's sidebars at 1440 px, the title with room
    # (static/css/admin.css). Series and format have their filters (titles name the series, the
    # place says "Online").
    help_texts = {
        "registration_opens_at": f"Registration on this site: empty opens it now. {admin_zone_help()}",
        "registration_deadline": f"Empty: open until the edition ends. {admin_zone_help()}",
    }
    list_display = [
        "title",
        "dates",
        "place",
        "status_label",
        "summary_link",
        "hero_thumbnail",
    ]
    list_filter = ["status", "series", YearFilter, "format", CountryFilter, todo.filter_for(models.Edition)]
    list_select_related = ["series", "summary"]
    search_fields = ["title", "slug", "city", "region", "teaser"]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = [
        "summary_link",
        "agenda",
        "hero_thumbnail",
        "uid",
        "sequence",
        "created_at",
        "updated_at",
    ]
    save_on_top = True
    object_history_template = "admin/events/edition/object_history.html"
    actions = ["publish", "unpublish", "mark_cancelled", "mark_postponed", "duplicate"]
    inlines = [
        EditionHostInline,
        PartnershipInline,
        EditionSpeakerInline,
    ]

    def save_model(self, request, obj, form, change):
        """Fills in missing coordinates from the gazetteer and tells the organiser, who can correct them."""
        found = obj.locate()
        if found:
            self.message_user(
                request,
                f"The coordinates of {obj.city}, {obj.country.name} were filled in from GeoNames: "
                f"{obj.latitude}, {obj.longitude}. Correct them under “Place” if the venue is elsewhere.",
                messages.INFO,
            )
        elif found is False:
            self.message_user(
                request,
                f"No place called “{obj.city}” was found in {obj.country.name}, so the coordinates are "
                "empty and the edition is not on the map: enter them under “Place”.",
                messages.WARNING,
            )
        super().save_model(request, obj, form, change)

    fieldsets = [
        (
            "Essentials",
            {"fields": ["title", "slug", "series", "status", "teaser", "themes", "summary_link"]},
        ),
        (
            "Place",
            {
                "fields": [
                    "format",
                    "online_url",
                    "venue_name",
                    "address",
                    "postal_code",
                    "city",
                    "region",
                    "country",
                    ("latitude", "longitude"),
                    "timezone",
                    "venue_url",
                    "travel",
                    "organiser_url",
                ]
            },
        ),
        (
            "Time and registration",
            {
                "fields": [
                    ("start_date", "end_date"),
                    ("start_time", "end_time"),
                    "registration_mode",
                    "registration_url",
                    ("registration_opens_at", "registration_deadline"),
                    ("registration_places", "registration_approval"),
                    "registration_group",
                    "registration_offer_hours",
                    "eligibility",
                ]
            },
        ),
        ("Content", {"fields": ["description", "expected_audience"]}),
        ("Agenda", {"fields": ["agenda"]}),
        ("Contact", {"fields": ["contact_name", "contact_email", "contact_phone"]}),
        ("Images", {"fields": ["hero_image", "hero_thumbnail", "hero_image_alt"]}),
        (
            "Calendar and record",
            {"classes": ["collapse"], "fields": ["uid", "sequence", "created_at", "updated_at"]},
        ),
    ]

    class Media:
        css = {"all": ["css/admin.css"]}

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "themes":
            # Ticked in columns (admin.css): a long list reads better than a multi-select box.
            kwargs["widget"] = ColumnCheckboxes()
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description="Dates", ordering="start_date")
    def dates(self, obj):
        return short_date_range(obj.start_date, obj.end_date)

    @admin.display(description="Place", ordering="city")
    def place(self, obj):
        return obj.place

    @admin.display(description="Status", ordering="status")
    def status_label(self, obj):
        return status_badge(obj)

    @admin.display(description="Summary", ordering="summary")
    def summary_link(self, obj):
        if obj.pk is None:
            return "Save the edition first."
        if obj.has_summary:
            url = reverse("admin:events_summary_change", args=[obj.summary.pk])
            return format_html('<a href="{}">Edit the summary</a>', url)
        url = reverse("admin:events_summary_add") + f"?edition={obj.pk}"
        return format_html('<a href="{}">Add a summary</a>', url)

    @admin.display(description="Sessions")
    def agenda(self, obj):
        if obj.pk is None:
            return "Save the edition first, then add its sessions."
        return agenda_summary(obj)

    @admin.display(description="Image")
    def hero_thumbnail(self, obj):
        size = (obj.hero_image_width, obj.hero_image_height)
        return thumbnail(obj.hero_image, obj.hero_thumbnail, size, obj.hero_image_alt)

    def _set_status(self, request, queryset, status, verb):
        # One save per edition, not queryset.update(): SEQUENCE, history,
        # updated_at and the page cache all follow save().
        changed = 0
        for edition in queryset.exclude(status=status):
            edition.status = status
            edition.save()
            self.log_change(request, edition, [{"changed": {"fields": ["Status"]}}])
            changed += 1
        editions = ngettext("%d edition", "%d editions", changed) % changed
        self.message_user(request, f"{editions} {verb}.", messages.SUCCESS)

    @admin.action(description="Publish the selected editions", permissions=["change"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, models.Edition.Status.PUBLISHED, "published")

    @admin.action(description="Unpublish (back to draft)", permissions=["change"])
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, models.Edition.Status.DRAFT, "returned to draft")

    @admin.action(description="Mark as cancelled", permissions=["change"])
    def mark_cancelled(self, request, queryset):
        self._set_status(request, queryset, models.Edition.Status.CANCELLED, "marked cancelled")

    @admin.action(description="Mark as postponed", permissions=["change"])
    def mark_postponed(self, request, queryset):
        self._set_status(request, queryset, models.Edition.Status.POSTPONED, "marked postponed")

    @admin.action(description="Duplicate as a draft for the next edition", permissions=["add"])
    def duplicate(self, request, queryset):
        copies = []
        for edition in queryset:
            copy = edition.duplicate()
            self.log_addition(request, copy, [{"added": {}}])
            copies.append(copy)
        if len(copies) == 1:
            self.message_user(request, f"Copied as the draft “{copies[0]}”; edit it below.", messages.SUCCESS)
            return redirect("admin:events_edition_change", copies[0].pk)
        count = len(copies)
        editions = ngettext("%d edition copied as a draft", "%d editions copied as drafts", count) % count
        self.message_user(request, f"{editions}.", messages.SUCCESS)
        return None

    def history_view(self, request, object_id, extra_context=None):
        # simple-history records the edition's own fields; Django's admin log
        # also names the hosts, partners and speakers changed inline (agenda
        # items have their own admin, and their own history).
        log = LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(models.Edition), object_id=str(object_id)
        ).select_related("user")
        extra_context = {**(extra_context or {}), "admin_log": log}
        return super().history_view(request, object_id, extra_context)
