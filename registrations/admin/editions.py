"""The edition's admin with its registration counts: registrations extends events' admin."""

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import ngettext

from events.admin.editions import EditionAdmin
from events.models import Edition

from .. import figures, flow, places
from ..models import Registration
from .questions import questions_summary

Status = Registration.Status


def edition_counts(edition):
    """Requests, approved, waiting and places left, for the edition's form."""
    if edition.pk is None or not edition.registers_on_site:
        return "Registration on this site is off."
    counts = Registration.objects.filter(edition=edition).aggregate(
        requests=Count("pk", filter=~Q(status=Status.UNCONFIRMED)),
        approved=Count("pk", filter=Q(status=Status.APPROVED)),
        waiting=Count("pk", filter=Q(status=Status.WAITING)),
        pending=Count("pk", filter=Q(status=Status.PENDING)),
    )
    url = figures.admin_list_url(edition.pk)
    write = reverse("admin:registrations_announcement_add") + f"?edition={edition.pk}"
    written = reverse("admin:registrations_announcement_changelist") + f"?edition__id__exact={edition.pk}"
    requests, left = counts["requests"], places.places_left(edition)
    return format_html(
        "{}, {} approved, {} pending, {} waiting, {}. "
        '<a href="{}">See them</a> · <a href="{}">Write to them</a> · <a href="{}">Messages</a>',
        ngettext("%d request (confirmed)", "%d requests (confirmed)", requests) % requests,
        counts["approved"],
        counts["pending"],
        counts["waiting"],
        ngettext("%d place left", "%d places left", left) % left,
        url,
        write,
        written,
    )


class EditionWithRegistrationsAdmin(EditionAdmin):
    """The edition's admin with its registration counts under "Time and registration", and in
    the list a column "registered / places / waiting" (registrations.figures, in the list's query).

    Registrations extends events' admin, not the other way round: events sits below registrations
    and imports nothing from it, so the app that owns the counts puts them on the edition's form.
    """

    list_display = [*EditionAdmin.list_display[:4], "figures", *EditionAdmin.list_display[4:]]

    readonly_fields = [*EditionAdmin.readonly_fields, "registrations", "questions"]
    fieldsets = [
        (name, {**options, "fields": [*options["fields"], "registrations", "questions"]})
        if name == "Time and registration"
        else (name, options)
        for name, options in EditionAdmin.fieldsets
    ]

    @admin.display(description="Registrations")
    def registrations(self, obj):
        return edition_counts(obj)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "registration_places" in form.changed_data:
            # More places go to those waiting, in line, before any newcomer: in this same
            # transaction (the admin's change view is atomic), with their offers' e-mails.
            offered = flow.offer_free_places(obj.pk)
            if offered:
                self.message_user(
                    request,
                    f"{offered} {pluralize(offered, 'place was,places were')} offered by e-mail to the "
                    f"first in the waiting line, each held for {obj.registration_offer_hours} hours.",
                    messages.INFO,
                )

    @admin.display(description="Questions on the form")
    def questions(self, obj):
        return questions_summary(obj)

    def get_queryset(self, request):
        return figures.with_figures(super().get_queryset(request))

    @admin.display(description="Registered / places / waiting", ordering="registered")
    def figures(self, obj):
        if not obj.registers_on_site:
            return "—"
        return format_html(
            '<a href="{}">{} / {} / {}</a>',
            figures.admin_list_url(obj.pk),
            obj.registered,
            obj.registration_places,
            obj.waiting,
        )


admin.site.unregister(Edition)
admin.site.register(Edition, EditionWithRegistrationsAdmin)
