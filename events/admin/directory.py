"""The admin of what surrounds editions: summaries, the site's notices, series, themes,
hosts, partners, speakers, calls for hosts and the site's identity (its logo)."""

from django.contrib import admin
from django.db import models as models_db
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils.html import format_html

from mail.emails import write_to

from .. import models, todo
from .base import (
    ChecksPrefilledValues,
    ContentAdmin,
    ContentInline,
    EditionScoped,
    admin_zone_help,
    thumbnail,
)


class RecordingInline(ContentInline, admin.TabularInline):
    model = models.Recording
    extra = 0


class SummaryToDoFilter(admin.SimpleListFilter):
    """The organisers' to-do list: summaries the site knows of but shows nothing of yet."""

    title = "on the site"
    parameter_name = "on_site"

    def lookups(self, request, model_admin):
        return [("no", "Nothing yet (to do)"), ("yes", "Has content")]

    def queryset(self, request, queryset):
        # The same rule as Summary.has_content, in SQL. The site's kinds come with its participants.
        empty = models_db.Q(
            body="",
            report="",
            participants__isnull=True,
            countries__isnull=True,
            site_participants__isnull=True,
            site_countries__isnull=True,
            site_responses=0,
            url="",
            recordings=None,
        )
        if self.value() == "no":
            return queryset.filter(empty)
        if self.value() == "yes":
            return queryset.exclude(pk__in=queryset.filter(empty).values("pk"))
        return queryset


@admin.register(models.Summary)
class SummaryAdmin(EditionScoped, ContentAdmin):
    list_display = [
        "edition",
        "edition_start_date",
        "on_site",
        "published_on",
        "participants_shown",
        "countries_shown",
        "has_report",
    ]
    list_select_related = ["edition"]
    list_filter = [SummaryToDoFilter, todo.filter_for(models.Summary), "edition__series", "published_on"]
    search_fields = ["edition__title", "edition__city"]
    autocomplete_fields = ["edition"]
    readonly_fields = [
        "edition_link",
        "site_participants",
        "site_countries",
        "kinds_from_site",
        "satisfaction_from_site",
        "figures_computed_at",
    ]
    fieldsets = [
        (None, {"fields": ["edition", "edition_link", "body", "report", "published_on", "url"]}),
        (
            "Key figures",
            {
                "description": (
                    "The site computes the figures from check-in and feedback once the edition is over "
                    "(and again when either changes). Your figure, where you type one, is shown instead "
                    "of the site's; leave it empty to show the site's."
                ),
                # Each override beside the site's figure it replaces.
                "fields": [
                    ("participants", "site_participants"),
                    ("countries", "site_countries"),
                    "kinds_from_site",
                    "satisfaction_from_site",
                    "figures_computed_at",
                ],
            },
        ),
    ]
    inlines = [RecordingInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("recordings")

    @admin.display(description="On the site", boolean=True)
    def on_site(self, obj):
        return obj.has_content

    @admin.display(description="Edition starts", ordering="edition__start_date")
    def edition_start_date(self, obj):
        return obj.edition.start_date

    @admin.display(description="Participants", ordering="participants")
    def participants_shown(self, obj):
        return obj.shown_participants

    @admin.display(description="Countries")
    def countries_shown(self, obj):
        return obj.shown_countries

    @admin.display(description="Participants by kind (site)")
    def kinds_from_site(self, obj):
        return "; ".join(f"{label}: {count}" for label, count in obj.kinds) or "—"

    @admin.display(description="Satisfaction (site)")
    def satisfaction_from_site(self, obj):
        if obj.satisfaction is None:
            return "—"
        responses = obj.site_responses
        return f"{obj.satisfaction} of 5 ({responses} response{pluralize(responses)})"

    @admin.display(description="PDF report", boolean=True)
    def has_report(self, obj):
        return bool(obj.report)

    @admin.display(description="Edition")
    def edition_link(self, obj):
        if obj.pk is None:
            return "—"
        url = reverse("admin:events_edition_change", args=[obj.edition_id])
        return format_html('<a href="{}">Edit “{}”</a>', url, obj.edition)


@admin.register(models.SitePage)
class SitePageAdmin(ContentAdmin):
    """The privacy and legal notices: one of each, which pages show instead of the site's default text."""

    list_display = ["title", "kind", "updated_at"]

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        if initial.get("kind") not in models.SitePage.Kind.values:
            # "?kind=" names a notice this site has, or none: the first one still missing.
            initial.pop("kind", None)
        kind = initial.get("kind") or next(
            (k for k in models.SitePage.Kind.values if not models.SitePage.objects.filter(kind=k).exists()),
            models.SitePage.Kind.PRIVACY,
        )
        title, body = models.site_pages.DEFAULTS[kind]
        return {"kind": kind, "title": title, "body": body, **initial}

    def has_add_permission(self, request):
        return models.SitePage.objects.count() < len(
            models.SitePage.Kind.values
        ) and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(models.Series)
class SeriesAdmin(ContentAdmin):
    list_display = ["name", "slug", "order", "is_main"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(models.Theme)
class ThemeAdmin(ContentAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class LogoAdmin(ContentAdmin):
    readonly_fields = ["logo_thumbnail"]

    @admin.display(description="Logo")
    def logo_thumbnail(self, obj):
        return thumbnail(obj.logo, obj.logo_thumbnail, (obj.logo_width, obj.logo_height))


@admin.register(models.Host)
class HostAdmin(LogoAdmin):
    list_display = ["name", "kind", "country", "logo_thumbnail"]
    list_filter = ["kind", "country"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    fields = ["name", "slug", "kind", "country", "website", "logo", "logo_thumbnail", "description"]


@admin.register(models.Partner)
class PartnerAdmin(LogoAdmin):
    list_display = ["name", "website", "logo_thumbnail"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    fields = ["name", "slug", "website", "logo", "logo_thumbnail"]


@admin.register(models.Speaker)
class SpeakerAdmin(ContentAdmin):
    list_display = ["name", "job_title", "organisation", "photo_thumbnail"]
    list_filter = [todo.filter_for(models.Speaker)]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "organisation"]
    readonly_fields = ["photo_thumbnail"]
    fields = ["name", "slug", "job_title", "organisation", "photo", "photo_thumbnail", "bio", "link"]

    @admin.display(description="Photo")
    def photo_thumbnail(self, obj):
        return thumbnail(obj.photo, obj.photo_thumbnail, (obj.photo_width, obj.photo_height), alt=obj.name)


@admin.register(models.SiteIdentity)
class SiteIdentityAdmin(LogoAdmin):
    """The organisers' logo in the site's header: one row, added once, then changed, never deleted.
    The contact address is shown, not edited: it is the server's ORGANISERS_EMAIL, which every
    e-mail's Reply-To carries too, so the contact page and the replies always reach the same people."""

    list_display = ["__str__", "logo_alt", "logo_thumbnail"]
    fields = ["logo", "logo_thumbnail", "logo_alt", "contact_address"]
    readonly_fields = ["logo_thumbnail", "contact_address"]

    @admin.display(description="Contact address")
    def contact_address(self, obj):
        return format_html(
            '{}<div class="help">Shown on <a href="{}">the contact page</a> and in the privacy notice, '
            "and where replies to the site's e-mails go. It is set on the server (ORGANISERS_EMAIL): "
            "ask whoever runs the site to change it.</div>",
            write_to(),
            reverse("events:contact"),
        )

    def has_add_permission(self, request):
        return not models.SiteIdentity.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(models.CallForHosts)
class CallForHostsAdmin(ContentAdmin):
    list_display = ["title", "series", "opens_at", "deadline"]
    help_texts = {
        "apply_url": "Leave empty and applications come to this site's own form (Host an edition); "
        "fill in only for a call that takes applications elsewhere.",
        "opens_at": admin_zone_help(),
        "deadline": admin_zone_help(),
    }
    list_filter = ["series"]
    search_fields = ["title"]


@admin.register(models.CountryGroup)
class CountryGroupAdmin(ChecksPrefilledValues, admin.ModelAdmin):
    """Who may register for an edition (its registration group)."""

    list_display = ["name", "size"]
    search_fields = ["name"]

    @admin.display(description="Countries")
    def size(self, obj):
        return len(obj.countries)
