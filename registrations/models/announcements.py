"""Organisers' messages to an edition's registrants, and the e-mail each person gets of one."""

from django.conf import settings
from django.db import models
from django.db.models import Count, Q

from events.models.fields import MarkdownField, RenderedMarkdownField
from mail.models import OutgoingMessage, due_index

from .registrations import ACTIVE, Registration, RegistrationStatus


class Audience(models.TextChoices):
    APPROVED = "approved", "Approved registrants"
    WAITING = "waiting", "People on the waiting list"
    PENDING = "pending", "Requests pending approval"
    ACTIVE = "active", "Everyone registered (pending, approved, offered a place, waiting)"


# Who each audience is, by status. Unconfirmed, declined and cancelled requests never hear more.
AUDIENCE_STATUSES = {
    Audience.APPROVED: (RegistrationStatus.APPROVED,),
    Audience.WAITING: (RegistrationStatus.WAITING,),
    Audience.PENDING: (RegistrationStatus.PENDING,),
    Audience.ACTIVE: ACTIVE,
}

# Who the audience is, in a sentence about the edition ("Goes to …").
AUDIENCE_DESCRIPTIONS = {
    Audience.APPROVED: "the approved registrants of {edition}",
    Audience.WAITING: "the people on the waiting list of {edition}",
    Audience.PENDING: "the people whose request for {edition} awaits approval",
    Audience.ACTIVE: "everyone registered for {edition}: pending, approved, offered a place or waiting",
}


class Announcement(models.Model):
    """A message from the organisers to some of an edition's registrants, kept with the edition.

    Written as a draft, previewed, then sent: sending queues one AnnouncementMessage per person
    in the audience, once each. Once sent it is the record of what was said and stays as it is.
    """

    Audience = Audience

    edition = models.ForeignKey("events.Edition", on_delete=models.CASCADE, related_name="announcements")
    subject = models.CharField(max_length=200)
    body = MarkdownField(
        "message",
        blank=False,
        help_text="Markdown: **bold**, *italic*, [a link](https://…), lists, headings.",
    )
    body_html = RenderedMarkdownField("body")
    audience = models.CharField("to", max_length=16, choices=Audience.choices, default=Audience.APPROVED)
    personal_link = models.BooleanField(
        "add each person's own page link",
        default=True,
        help_text="Their own registration page; leave it out if people may forward it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "message to registrants"
        verbose_name_plural = "messages to registrants"
        constraints = [
            models.CheckConstraint(
                condition=Q(audience__in=Audience.values), name="announcement_audience_valid"
            ),
        ]

    def __str__(self):
        return self.subject

    @property
    def is_sent(self):
        return self.sent_at is not None

    def audience_now(self):
        """The registrants the audience holds now (anonymised rows have no address left)."""
        statuses = AUDIENCE_STATUSES[Audience(self.audience)]
        return Registration.objects.not_anonymised().filter(edition_id=self.edition_id, status__in=statuses)

    def audience_described(self):
        return AUDIENCE_DESCRIPTIONS[Audience(self.audience)].format(edition=self.edition.title)

    def deliveries(self):
        """How many copies the mail server took, how many are queued, and how many failed for good."""
        counts = self.messages.aggregate(
            delivered=Count("pk", filter=Q(sent_at__isnull=False)),
            failed=Count("pk", filter=Q(failed_at__isnull=False)),
            total=Count("pk"),
        )
        return {**counts, "queued": counts["total"] - counts["delivered"] - counts["failed"]}

    def not_yet_reached(self):
        """Who sending now would queue the message for: the audience less everyone who has it."""
        return self.audience_now().exclude(announcement_messages__announcement=self)


class AnnouncementMessage(OutgoingMessage):
    """One person's copy of an announcement (mail.OutgoingMessage): at most one each.

    It names a person, so it goes with the registration: deleted with it, and deleted when the
    registration is anonymised (registrations_retention), leaving no trace of who was written to.
    """

    announcement = models.ForeignKey(Announcement, on_delete=models.CASCADE, related_name="messages")
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="announcement_messages"
    )

    class Meta(OutgoingMessage.Meta):
        verbose_name = "recipient"
        constraints = [
            models.UniqueConstraint(
                fields=["announcement", "registration"], name="announcement_once_per_person"
            ),
        ]
        indexes = [due_index("announcement_message_due")]

    @property
    def recipient(self):
        return self.registration.email

    @property
    def topic(self):
        return self.announcement.subject
