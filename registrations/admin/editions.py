"""The edition's admin with its registration counts: registrations extends events' admin."""

from django.contrib import admin
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html

from events.admin.editions import EditionAdmin
from events.models import Edition

from .. import places
from ..models import Registration

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
    url = reverse("admin:registrations_registration_changelist") + f"?edition__id__exact={edition.pk}"
    write = reverse("admin:registrations_announcement_add") + f"?edition={edition.pk}"
    written = reverse("admin:registrations_announcement_changelist") + f"?edition__id__exact={edition.pk}"
    return format_html(
        "{} requests (confirmed), {} approved, {} pending, {} waiting, {} places left. "
        '<a href="{}">See them</a> · <a href="{}">Write to them</a> · <a href="{}">Messages</a>',
        counts["requests"],
        counts["approved"],
        counts["pending"],
        counts["waiting"],
        places.places_left(edition),
        url,
        write,
        written,
    )


class EditionWithRegistrationsAdmin(EditionAdmin):
    """The edition's admin with its registration counts under "Time and registration".

    Registrations extends events' admin, not the other way round: events sits below registrations
    and imports nothing from it, so the app that owns the counts puts them on the edition's form.
    """

    readonly_fields = [*EditionAdmin.readonly_fields, "registrations"]
    fieldsets = [
        (name, {**options, "fields": [*options["fields"], "registrations"]})
        if name == "Time and registration"
        else (name, options)
        for name, options in EditionAdmin.fieldsets
    ]

    @admin.display(description="Registrations")
    def registrations(self, obj):
        return edition_counts(obj)


admin.site.unregister(Edition)
admin.site.register(Edition, EditionWithRegistrationsAdmin)
