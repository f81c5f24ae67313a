"""Registrations and the e-mails sent about them."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.timezone import now as utc_now
from django_countries.fields import CountryField

from common.tokens import new_link_key, sign
from events.models import OrganisationKind
from mail.models import OutgoingMessage, due_index

# Registration's own choice of kinds, in its order.
REGISTRANT_KINDS = (
    OrganisationKind.CLUSTER,
    OrganisationKind.PUBLIC_AUTHORITY,
    OrganisationKind.AGENCY,
    OrganisationKind.COMPANY,
    OrganisationKind.OTHER,
)


class RegistrationStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", "Address not confirmed"
    PENDING = "pending", "Pending approval"
    APPROVED = "approved", "Approved"
    WAITING = "waiting", "On the waiting list"
    OFFERED = "offered", "Place offered"
    DECLINED = "declined", "Declined"
    CANCELLED = "cancelled", "Cancelled"


# Statuses that hold one of the edition's places: an offer keeps its place until it lapses.
HOLDS_PLACE = (RegistrationStatus.APPROVED, RegistrationStatus.OFFERED)
# Statuses whose address is confirmed and that still hope to attend.
ACTIVE = (
    RegistrationStatus.PENDING,
    RegistrationStatus.APPROVED,
    RegistrationStatus.WAITING,
    RegistrationStatus.OFFERED,
)


STATUS_BADGES = {
    RegistrationStatus.UNCONFIRMED: "badge-pending",
    RegistrationStatus.PENDING: "badge-pending",
    RegistrationStatus.OFFERED: "badge-pending",
    RegistrationStatus.APPROVED: "badge-open",
    RegistrationStatus.WAITING: "badge-closed",
    RegistrationStatus.DECLINED: "badge-cancelled",
    RegistrationStatus.CANCELLED: "badge-cancelled",
}


class RegistrationQuerySet(models.QuerySet):
    def holding_places(self):
        return self.filter(status__in=HOLDS_PLACE)

    def waiting_in_line(self):
        """The waiting list in its fair order: who confirmed first comes first."""
        return self.filter(status=RegistrationStatus.WAITING).order_by("queued_at", "pk")

    def lapsed_offers(self, now):
        return self.filter(status=RegistrationStatus.OFFERED, offer_expires_at__lte=now)

    def not_anonymised(self):
        return self.filter(anonymised_at__isnull=True)


class Registration(models.Model):
    Status = RegistrationStatus

    edition = models.ForeignKey("events.Edition", on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField(max_length=200)
    # Stored lower-cased, so the same address twice is the same registration.
    email = models.EmailField("e-mail")
    organisation = models.CharField(max_length=200)
    country = CountryField()
    kind = models.CharField(
        "kind of organisation", max_length=20, choices=OrganisationKind.subset(REGISTRANT_KINDS)
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.UNCONFIRMED)

    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # The place in the waiting list's line: when the request joined it.
    queued_at = models.DateTimeField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    # The edition's SEQUENCE the registrant's calendar last received.
    sent_sequence = models.PositiveIntegerField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)
    # What the registrant's links sign (common.tokens).
    link_key = models.CharField(max_length=43, unique=True, default=new_link_key, editable=False)
    # 0 for the first request; one more each time the address asks afresh (after cancelling, or
    # once its confirm link lapsed): its e-mails and calendar versions are counted anew.
    attempt = models.PositiveIntegerField(default=0, editable=False)
    # Added at the door on the day (attendance's walk-ins), approved at once, never through the form.
    walked_in = models.BooleanField("walk-in", default=False, editable=False)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["edition", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "email"], name="registration_one_per_address"),
            models.CheckConstraint(
                condition=Q(status__in=RegistrationStatus.values), name="registration_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=[kind.value for kind in REGISTRANT_KINDS]),
                name="registration_kind_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status=RegistrationStatus.OFFERED) | Q(offer_expires_at__isnull=False),
                name="registration_offer_has_expiry",
            ),
        ]
        indexes = [models.Index(fields=["edition", "status"])]

    def __str__(self):
        return f"{self.name} <{self.email}> for {self.edition}"

    # No get_absolute_url: the admin's "View on site" would lead any staff account to the
    # registrant's own page, where their data can be read and deleted. The page is for the person.
    def manage_url(self):
        return reverse("registrations:manage", args=[self.manage_token()])

    # Signed links: the row's random link key signed with the site's secret. A link cannot be
    # guessed, and the confirm link stops working after CONFIRM_LINK_DAYS.

    CONFIRM_SALT = "registrations.confirm"
    MANAGE_SALT = "registrations.manage"
    # The check-in code shown at the door. Untimed: it must still open on the edition's last day,
    # and a shorter token makes a QR code with fewer modules, quicker to scan off a phone's screen.
    CHECK_IN_SALT = "attendance.check_in"

    def confirm_token(self):
        return sign(self.link_key, salt=self.CONFIRM_SALT)

    def manage_token(self):
        return sign(self.link_key, salt=self.MANAGE_SALT)

    def check_in_token(self):
        return sign(self.link_key, salt=self.CHECK_IN_SALT, timed=False)

    def check_in_url(self):
        """The per-person check-in link (attendance's page, reversed by name: registrations
        imports nothing from the app above it)."""
        return reverse("attendance:check-in", args=[self.check_in_token()])

    def get_confirm_url(self):
        return reverse("registrations:confirm", args=[self.confirm_token()])

    @property
    def holds_place(self):
        return self.status in HOLDS_PLACE

    @property
    def is_active(self):
        return self.status in ACTIVE

    # One question per status the registrant's pages answer differently: they ask, never compare.
    @property
    def is_unconfirmed(self):
        return self.status == RegistrationStatus.UNCONFIRMED

    @property
    def is_pending(self):
        return self.status == RegistrationStatus.PENDING

    @property
    def is_waiting(self):
        return self.status == RegistrationStatus.WAITING

    @property
    def is_offered(self):
        return self.status == RegistrationStatus.OFFERED

    @property
    def is_approved(self):
        return self.status == RegistrationStatus.APPROVED

    @property
    def is_declined(self):
        return self.status == RegistrationStatus.DECLINED

    @property
    def is_cancelled(self):
        return self.status == RegistrationStatus.CANCELLED

    @property
    def badge_class(self):
        """The colour of the status badge on the registrant's page: green for a place, amber while
        someone must act (the registrant or the organisers), grey in line, red once cancelled."""
        return STATUS_BADGES[self.status]

    @property
    def may_cancel(self):
        """The registrant may cancel a request still hoping to attend, or one not yet confirmed,
        until the edition is over: after it, a cancellation would rewrite who had a place."""
        return (self.is_active or self.is_unconfirmed) and not self.edition.is_over()

    def offer_is_open(self, now=None):
        return self.status == self.Status.OFFERED and (now or utc_now()) < self.offer_expires_at

    @property
    def was_sent_calendar(self):
        """Approved in this request, so their calendar may hold the edition's entry."""
        return self.sent_sequence is not None

    def calendar_sequence(self, *, cancelled=False):
        """The SEQUENCE of the edition's entry in this registrant's calendar.

        The edition's own, raised by two per fresh request: the entry a cancellation removes (one
        higher) must be older than the one a later approval sends again, or calendars would take
        that approval for an out-of-date copy and keep the entry cancelled.
        """
        return self.edition.sequence + 2 * self.attempt + (1 if cancelled else 0)


class MessageKind(models.TextChoices):
    CONFIRM = "confirm", "Confirm your address"
    RECEIVED = "received", "Request received"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"
    WAITING = "waiting", "Waiting list"
    OFFERED = "offered", "Place offered"
    REMINDER = "reminder", "Reminder"
    CHANGED = "changed", "Edition changed"
    CANCELLED = "cancelled", "Edition cancelled"
    # Someone registered again with an address that has a request: its page's link, to it alone.
    LINK = "link", "Link to the registration"
    # The registrant cancelled (CANCELLED is the edition's cancellation).
    WITHDRAWN = "withdrawn", "Registration cancelled"
    LAPSED = "lapsed", "Offer lapsed"


class Message(OutgoingMessage):
    """One e-mail to one registrant (mail.OutgoingMessage): a kind, once per request (attempt),
    edition version and round."""

    Kind = MessageKind

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    # Which version of the edition it is about: a second change is a second message.
    sequence = models.PositiveIntegerField(default=0)
    # What the registrant's status was: an offer made twice is two messages.
    round = models.PositiveIntegerField(default=0)
    # The registration's attempt: a request made afresh is told of its statuses again.
    attempt = models.PositiveIntegerField(default=0)

    class Meta(OutgoingMessage.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "attempt", "kind", "sequence", "round"], name="message_once"
            ),
            models.CheckConstraint(condition=Q(kind__in=MessageKind.values), name="message_kind_valid"),
        ]
        indexes = [due_index("message_due")]

    @property
    def recipient(self):
        return self.registration.email
