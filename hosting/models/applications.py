"""The "Host an edition" page's text, the cut-off dates of calls for hosts, and applications to host."""

import os
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.safestring import mark_safe
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from common.text import render_markdown
from common.timezones import validate_timezone, zone
from common.tokens import new_link_key, sign
from events.imagery.uploads import UniqueName, validate_pdf_upload
from events.models import OrganisationKind
from events.models.fields import MarkdownField, RenderedMarkdownField
from mail.models import OutgoingMessage, due_index

# Until the organisers write their own, the page says what hosting involves and who may apply in
# the series' announcements' own words (seeds 001 and 003): they are the organisers' words, so the
# page gives them as its text rather than as a row of quotations.
DEFAULT_TITLE = "Host an edition"
DEFAULT_BODY = """## What hosting involves

To reinforce the connection between clusters and regional actors, the ECCP organises transnational
workshops that bring together clusters and policymakers at the local, regional and national levels,
with the aim of strengthening the industrial ecosystem in a selected host region.

These events allow national and regional clusters and policymakers to come together to share
experiences, secure new partnerships and learn from one another.

## Who may apply

Each call for hosts selects the national or regional authorities and cluster organisations that run
the workshops. The latest call addressed local and regional authorities, innovation agencies, cluster
organisations, business network organisations, and other small and medium-sized enterprise (SME)
intermediaries.
"""


def local_time(instant, tz_name):
    """29 July 2022, 18:00 CEST: an instant in the zone it belongs to."""
    local = instant.astimezone(zone(tz_name))
    return f"{local.day} {local:%B %Y, %H:%M} {local.tzname()}"


class HostingPage(models.Model):
    """The text of the "Host an edition" page: one row, written by the organisers in the admin."""

    title = models.CharField(max_length=200, default=DEFAULT_TITLE)
    body = MarkdownField()
    body_html = RenderedMarkdownField("body")
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "“Host an edition” page"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("hosting:host")

    @classmethod
    def current(cls):
        """The organisers' text, or the seeds' words until they write one."""
        page = cls.objects.order_by("pk").first()
        if page is None:
            # Sanitised by render_markdown (nh3), as a saved page's HTML is by its field.
            html = mark_safe(render_markdown(DEFAULT_BODY))  # noqa: S308
            page = cls(title=DEFAULT_TITLE, body=DEFAULT_BODY, body_html=html)
        return page


class CutOff(models.Model):
    """One of a call's dates by which applications are judged in batches ("the first deadline").

    An aware instant, shown in the zone the call announced it in. Applications after a call's
    last cut-off are refused.
    """

    call = models.ForeignKey("events.CallForHosts", on_delete=models.CASCADE, related_name="cut_offs")
    at = models.DateTimeField("date and time")
    time_zone = models.CharField(
        max_length=64,
        default=settings.TIME_ZONE,
        validators=[validate_timezone],
        help_text="The zone the date is announced in, e.g. Europe/Brussels.",
    )
    label = models.CharField(max_length=100, help_text="e.g. “First deadline”.")

    class Meta:
        ordering = ["call", "at"]
        verbose_name = "cut-off date"
        constraints = [
            models.UniqueConstraint(fields=["call", "at"], name="cut_off_once_per_call"),
        ]

    def __str__(self):
        return f"{self.label}: {self.local_display}"

    @property
    def local_display(self):
        return local_time(self.at, self.time_zone)

    def clean(self):
        # The call's deadline closes it (events' open() asks it), so no cut-off may come later.
        deadline = self.call.deadline if self.call_id else None
        if deadline and self.at and self.at > deadline:
            raise ValidationError({"at": "A cut-off cannot be after the call's deadline."})


class LettersStorage(FileSystemStorage):
    """Support letters: outside MEDIA_ROOT, so neither nginx nor the media view can ever serve one.

    The folder is read from the settings each time, so tests may point it elsewhere. A letter is
    a person's document: 0600 in 0700 folders, whatever FILE_UPLOAD_PERMISSIONS says for uploads
    that nginx (another user) must read.
    """

    file_permissions_mode = 0o600
    directory_permissions_mode = 0o700

    @property
    def base_location(self):
        return settings.HOSTING_LETTERS_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None


def new_reference():
    """Short enough to read out on the phone, random so it says nothing about other applications."""
    return "CMR-" + secrets.token_hex(4).upper()


# The kinds the 2024 - 2025 call addresses (seed 001), in its order.
APPLICANT_KINDS = (
    OrganisationKind.AUTHORITY,
    OrganisationKind.INNOVATION_AGENCY,
    OrganisationKind.CLUSTER,
    OrganisationKind.BUSINESS_NETWORK,
    OrganisationKind.SME_INTERMEDIARY,
)


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    UNDER_REVIEW = "under_review", "Under review"
    SHORTLISTED = "shortlisted", "Shortlisted"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class Application(models.Model):
    """A region's application to host an edition, under one call for hosts."""

    Status = ApplicationStatus
    CONFIRM_SALT = "hosting.confirm"

    call = models.ForeignKey("events.CallForHosts", on_delete=models.PROTECT, related_name="applications")
    # The cut-off it is judged at: the first one after it was sent.
    cut_off = models.ForeignKey(
        CutOff, on_delete=models.SET_NULL, null=True, blank=True, related_name="applications"
    )
    reference = models.CharField(max_length=16, unique=True, default=new_reference, editable=False)
    organisation = models.CharField(max_length=200)
    kind = models.CharField(
        "kind of organisation", max_length=20, choices=OrganisationKind.subset(APPLICANT_KINDS)
    )
    region = models.CharField(max_length=200)
    country = CountryField()
    contact_name = models.CharField("contact person", max_length=200)
    email = models.EmailField("e-mail")
    # The proposed period as dates, so that "Accept" can create the draft edition with them.
    proposed_start = models.DateField("proposed first day")
    proposed_end = models.DateField("proposed last day")
    city = models.CharField(max_length=100)
    themes = models.ManyToManyField("events.Theme", blank=True, related_name="host_applications")
    motivation = models.TextField(max_length=5000)
    partners = models.TextField("partners in the region", max_length=3000)
    support_letter = models.FileField(
        upload_to=UniqueName("letters/"),
        storage=LettersStorage(),
        validators=[FileExtensionValidator(["pdf"]), validate_pdf_upload],
        help_text="A PDF.",
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.SUBMITTED)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # The draft edition "Accept" created from this application.
    edition = models.OneToOneField(
        "events.Edition", on_delete=models.SET_NULL, null=True, blank=True, related_name="host_application"
    )
    # What the applicant's confirm link signs (common.tokens).
    link_key = models.CharField(max_length=43, unique=True, default=new_link_key, editable=False)

    class Meta:
        ordering = ["-created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ApplicationStatus.values), name="application_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=[kind.value for kind in APPLICANT_KINDS]), name="application_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(proposed_end__gte=models.F("proposed_start")), name="application_period_in_order"
            ),
        ]

    def __str__(self):
        return f"{self.reference}: {self.organisation} ({self.city})"

    # No get_absolute_url: an application is a person's data, not a page of the site, so the
    # admin offers no "View on site" for it.

    def clean(self):
        if self.proposed_start and self.proposed_end and self.proposed_end < self.proposed_start:
            raise ValidationError({"proposed_end": "The last day cannot be before the first."})

    def confirm_token(self):
        return sign(self.link_key, salt=self.CONFIRM_SALT)

    def get_confirm_url(self):
        return reverse("hosting:confirm", args=[self.confirm_token()])


class Review(models.Model):
    """One organiser's score and notes on one application; several organisers may review it."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="host_reviews"
    )
    score = models.PositiveSmallIntegerField(help_text="1 (weak) to 5 (excellent).")
    notes = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["application", "reviewer"]
        constraints = [
            models.UniqueConstraint(fields=["application", "reviewer"], name="review_once_per_reviewer"),
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=5), name="review_score_1_to_5"),
        ]

    def __str__(self):
        return f"{self.reviewer} on {self.application.reference}: {self.score}/5"

    def clean(self):
        if self.score is not None and not 1 <= self.score <= 5:
            raise ValidationError({"score": "A score is from 1 to 5."})


class ApplicationMessageKind(models.TextChoices):
    CONFIRM = "confirm", "Confirm your address"
    RECEIVED = "received", "Application received"
    SHORTLISTED = "shortlisted", "Shortlisted"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class ApplicationMessage(OutgoingMessage):
    """One e-mail about an application (mail.OutgoingMessage): each kind once."""

    Kind = ApplicationMessageKind

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(max_length=16, choices=Kind.choices)

    class Meta(OutgoingMessage.Meta):
        constraints = [
            models.UniqueConstraint(fields=["application", "kind"], name="application_message_once"),
            models.CheckConstraint(
                condition=Q(kind__in=ApplicationMessageKind.values), name="application_message_kind_valid"
            ),
        ]
        indexes = [due_index("application_message_due")]

    @property
    def recipient(self):
        return self.application.email
