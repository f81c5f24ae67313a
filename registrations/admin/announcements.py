"""Organisers' messages to registrants: write, preview as the e-mail, send once, see who got it.

A message is a draft until it is sent from its preview page, which shows it as the e-mail will
look and says how many people it goes to; sent, it is read-only, with each person's delivery.
"""

from csp.constants import NONE, SELF, UNSAFE_INLINE
from csp.decorators import csp_replace
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.views.decorators.clickjacking import xframe_options_sameorigin

from events.admin.base import ChecksPrefilledValues, EditionScoped
from events.admin.widgets import MARKDOWN_OVERRIDES
from events.models import RegistrationMode

from .. import announcements
from ..models import Announcement, AnnouncementMessage

# The e-mail's HTML, alone in a sandboxed frame on the preview page: its layout's inline styles
# are allowed there and nowhere else, nothing may run, and only the admin's own pages may frame it.
EMAIL_PREVIEW_POLICY = {
    "default-src": [NONE],
    "script-src": [NONE],
    "style-src": [UNSAFE_INLINE],
    "img-src": [SELF, "data:"],
    "form-action": [NONE],
    "base-uri": [NONE],
    "frame-ancestors": [SELF],
}


def when(moment):
    return date_format(localtime(moment), "j F Y, H:i")


class RecipientInline(admin.TabularInline):
    """Who the message was queued for, and what became of each copy."""

    model = AnnouncementMessage
    extra = 0
    can_delete = False
    fields = ["person", "delivery", "status"]
    readonly_fields = fields
    verbose_name_plural = "recipients"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return (
            super().get_queryset(request).select_related("registration").order_by("registration__name", "pk")
        )

    @admin.display(description="person")
    def person(self, message):
        return f"{message.registration.name} <{message.registration.email}>"

    @admin.display(description="registration's status now")
    def status(self, message):
        return message.registration.get_status_display()

    @admin.display(description="delivery")
    def delivery(self, message):
        if message.sent_at:
            return f"Sent {when(message.sent_at)}"
        if message.failed_at:
            return f"Failed {when(message.failed_at)}: {message.last_error}"
        if message.attempts and message.last_error:
            return f"Not sent yet, trying again ({message.attempts} attempts so far: {message.last_error})"
        return "Queued"


@admin.register(Announcement)
class AnnouncementAdmin(EditionScoped, ChecksPrefilledValues, admin.ModelAdmin):
    list_display = ["subject", "edition", "audience", "sent_at", "recipient_count"]
    list_filter = [("edition", admin.RelatedOnlyFieldListFilter), "audience"]
    list_select_related = ["edition"]
    search_fields = ["subject"]
    fields = ["edition", "audience", "subject", "body", "personal_link"]
    # The body's live preview, as under every Markdown field of the admin.
    formfield_overrides = MARKDOWN_OVERRIDES
    inlines = [RecipientInline]

    class Media:
        css = {"all": ["css/admin-announcements.css"]}

    def get_queryset(self, request):
        """The sent-to count; EditionScoped keeps a host team to its own editions' messages."""
        return super().get_queryset(request).annotate(recipient_count=Count("messages"))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "edition":
            editions = self.managed_editions(request).filter(registration_mode=RegistrationMode.ON_SITE)
            kwargs["queryset"] = editions.order_by("-start_date")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "edition":
            # A message is written to an edition that exists: no add, change or view pop-ups here.
            widget = formfield.widget
            widget.can_add_related = widget.can_change_related = widget.can_view_related = False
        return formfield

    def get_fields(self, request, obj=None):
        return ["state", *self.fields] if obj else self.fields

    def get_readonly_fields(self, request, obj=None):
        return ["state"] if obj else []

    def get_inlines(self, request, obj):
        # A draft has no recipients yet; their list starts when it is sent.
        return self.inlines if obj and obj.is_sent else []

    # Sent, the message is the record of what was said: it stays as it was sent.
    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj and obj.is_sent)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.is_sent)

    def has_send_permission(self, request):
        """Sending asks for the change permission, as the registrations' own actions do."""
        return super().has_change_permission(request)

    @admin.display(description="sent to", ordering="recipient_count")
    def recipient_count(self, obj):
        return obj.recipient_count if obj.is_sent else "not sent yet"

    @admin.display(description="state")
    def state(self, obj):
        preview = reverse("admin:registrations_announcement_preview", args=[obj.pk])
        waiting = obj.not_yet_reached().count()
        if not obj.is_sent:
            return format_html(
                'Draft, not sent. <a href="{}">Preview and send</a> (to {} now).', preview, people(waiting)
            )
        counts = obj.deliveries()
        sender = f" by {obj.sent_by.get_username()}" if obj.sent_by else ""
        summary = format_html(
            "Sent {}{}: {} delivered, {} queued, {} failed.",
            when(obj.sent_at),
            sender,
            counts["delivered"],
            counts["queued"],
            counts["failed"],
        )
        if waiting:
            action = format_html("Send it to the {} who joined the audience since", people(waiting))
        else:
            action = "See the e-mail"
        return format_html('{} <a href="{}">{}</a>.', summary, preview, action)

    def response_add(self, request, obj, post_url_continue=None):
        return self._to_preview(request, obj) or super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        return self._to_preview(request, obj) or super().response_change(request, obj)

    def _to_preview(self, request, obj):
        if "_preview" in request.POST:
            return HttpResponseRedirect(reverse("admin:registrations_announcement_preview", args=[obj.pk]))
        return None

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/preview/",
                view(self.preview_view),
                name="registrations_announcement_preview",
            ),
            path(
                "<path:object_id>/preview/email/",
                view(self.email_view),
                name="registrations_announcement_preview_email",
            ),
            *super().get_urls(),
        ]

    def _viewable(self, request, object_id):
        announcement = self.get_object(request, object_id)
        if announcement is None:
            raise Http404
        if not self.has_view_permission(request, announcement):
            raise PermissionDenied
        return announcement

    def preview_view(self, request, object_id):
        """The e-mail as it will look, how many it goes to, and the button that sends it."""
        announcement = self._viewable(request, object_id)
        if request.method == "POST":
            return self._send(request, announcement)
        sample = announcements.build(announcements.sample_message(announcement))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Preview and send",
            "original": announcement,
            "email": sample,
            "reply_to": sample.reply_to[0],
            "audience": announcement.audience_described(),
            "waiting": announcement.not_yet_reached().count(),
            "already": announcement.messages.count(),
            "may_send": self.has_send_permission(request),
            "may_edit": self.has_change_permission(request, announcement),
            "media": self.media,
        }
        return TemplateResponse(request, "admin/registrations/announcement/preview.html", context)

    def _send(self, request, announcement):
        if not self.has_send_permission(request):
            raise PermissionDenied
        queued = announcements.send(announcement.pk, request.user)
        self.log_change(request, announcement, f"Sent to {people(queued)}.")
        if queued:
            messages.success(request, f"“{announcement}” is on its way to {people(queued)}.")
        else:
            messages.info(
                request, f"Everyone in the audience already has “{announcement}”: nothing was sent."
            )
        return HttpResponseRedirect(
            reverse("admin:registrations_announcement_change", args=[announcement.pk])
        )

    @xframe_options_sameorigin
    @csp_replace(EMAIL_PREVIEW_POLICY)
    def email_view(self, request, object_id):
        """The HTML part of the e-mail, for the preview page's frame."""
        announcement = self._viewable(request, object_id)
        html, _mimetype = announcements.build(announcements.sample_message(announcement)).alternatives[0]
        return HttpResponse(html)


def people(count):
    return f"{count:,} {'person' if count == 1 else 'people'}"
