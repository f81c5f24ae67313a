from django.contrib import admin

from . import models


class EditionHostInline(admin.TabularInline):
    model = models.EditionHost
    extra = 0
    autocomplete_fields = ["host"]


class PartnershipInline(admin.TabularInline):
    model = models.Partnership
    extra = 0
    autocomplete_fields = ["partner"]


class EditionSpeakerInline(admin.TabularInline):
    model = models.EditionSpeaker
    extra = 0
    autocomplete_fields = ["speaker"]


class AgendaItemInline(admin.StackedInline):
    model = models.AgendaItem
    extra = 0
    autocomplete_fields = ["speakers"]


@admin.register(models.Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "start_date",
        "end_date",
        "city",
        "country",
        "series",
        "status",
        "has_summary",
    ]
    list_filter = ["status", "series", "format", "country"]
    list_select_related = ["series", "summary"]
    search_fields = ["title", "city", "region", "teaser"]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["themes"]
    inlines = [
        EditionHostInline,
        PartnershipInline,
        EditionSpeakerInline,
        AgendaItemInline,
    ]
    fieldsets = [
        (
            "Essentials",
            {"fields": ["title", "slug", "series", "status", "teaser", "themes"]},
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
                    "registration_url",
                    "registration_deadline",
                    "eligibility",
                ]
            },
        ),
        ("Content", {"fields": ["description", "expected_audience"]}),
        ("Contact", {"fields": ["contact_name", "contact_email", "contact_phone"]}),
        ("Images", {"fields": ["hero_image", "hero_image_alt"]}),
    ]

    @admin.display(boolean=True, description="Summary")
    def has_summary(self, obj):
        return obj.has_summary


class RecordingInline(admin.TabularInline):
    model = models.Recording
    extra = 0


@admin.register(models.Summary)
class SummaryAdmin(admin.ModelAdmin):
    list_display = ["edition", "published_on", "participants", "countries"]
    list_select_related = ["edition"]
    search_fields = ["edition__title", "edition__city"]
    autocomplete_fields = ["edition"]
    inlines = [RecordingInline]


@admin.register(models.Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(models.Theme)
class ThemeAdmin(admin.ModelAdmin):
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(models.Host)
class HostAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country"]
    list_filter = ["kind", "country"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(models.Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "website"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(models.Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ["name", "job_title", "organisation"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "organisation"]


@admin.register(models.CallForHosts)
class CallForHostsAdmin(admin.ModelAdmin):
    list_display = ["title", "series", "opens_at", "deadline"]
    list_filter = ["series"]
    search_fields = ["title"]
