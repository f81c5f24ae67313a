"""The series, and the organisations and people editions are made of."""

from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from events.imagery.uploads import (
    PORTRAIT_SIDE,
    PORTRAIT_SIDE_1X,
    THUMBNAIL_BOX,
    image_field,
    portrait,
    rendition,
)

from .choices import OrganisationKind
from .fields import MarkdownField, RenderedMarkdownField
from .logos import WithLogo


class SeriesQuerySet(models.QuerySet):
    def main(self):
        """The series the site is about: "About the series" in the navigation leads to it."""
        return self.filter(is_main=True).first()


class Series(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = MarkdownField()
    description_html = RenderedMarkdownField("description")
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers are listed first.")
    is_main = models.BooleanField(
        "main series",
        default=False,
        help_text="The series the site is about; “About the series” in the navigation leads to it.",
    )

    objects = SeriesQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = "series"
        constraints = [
            models.UniqueConstraint(fields=["is_main"], condition=Q(is_main=True), name="series_one_main"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("events:series-detail", args=[self.slug])


class Theme(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


# What a host can be; an accepted application's kind (hosting) is among them.
HOST_ORGANISATION_KINDS = (
    OrganisationKind.REGION,
    OrganisationKind.AUTHORITY,
    OrganisationKind.CLUSTER,
    OrganisationKind.DEVELOPMENT_AGENCY,
    OrganisationKind.INNOVATION_AGENCY,
    OrganisationKind.BUSINESS_NETWORK,
    OrganisationKind.SME_INTERMEDIARY,
    OrganisationKind.OTHER,
)


class Host(WithLogo):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField(
        max_length=32,
        choices=OrganisationKind.subset(HOST_ORGANISATION_KINDS),
        default=OrganisationKind.OTHER,
    )
    country = CountryField(blank=True)
    website = models.URLField(blank=True)
    logo = image_field("hosts/", width_field="logo_width", height_field="logo_height")
    logo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    logo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    description = MarkdownField()
    description_html = RenderedMarkdownField("description")

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=[kind.value for kind in HOST_ORGANISATION_KINDS]), name="host_kind_valid"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("events:host-detail", args=[self.slug])


class Partner(WithLogo):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    website = models.URLField(blank=True)
    logo = image_field("partners/", width_field="logo_width", height_field="logo_height")
    logo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    logo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("events:partner-detail", args=[self.slug])


SPEAKER_BIO_MAX_LENGTH = 600


class Speaker(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    job_title = models.CharField(max_length=200, blank=True)
    organisation = models.CharField(max_length=200, blank=True)
    photo = image_field("speakers/", width_field="photo_width", height_field="photo_height")
    photo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_1x = portrait("photo", PORTRAIT_SIDE_1X)
    photo_2x = portrait("photo", PORTRAIT_SIDE)
    photo_fallback = portrait("photo", PORTRAIT_SIDE_1X, format="JPEG")
    photo_thumbnail = rendition("photo", *THUMBNAIL_BOX)
    # Plain text, not Markdown: a few lines beside a photo, shown escaped with its line breaks.
    bio = models.TextField(
        max_length=SPEAKER_BIO_MAX_LENGTH,
        blank=True,
        help_text=f"Plain text, at most {SPEAKER_BIO_MAX_LENGTH} characters; line breaks are kept.",
    )
    link = models.URLField(
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="The speaker's website or profile page (http or https).",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("events:speaker-detail", args=[self.slug])

    @property
    def initials(self):
        """Up to two letters for the placeholder shown instead of a missing photo."""
        letters = [word[0] for word in self.name.split() if word[:1].isalpha()]
        return "".join(letters[:1] + letters[1:][-1:]).upper()

    @property
    def affiliation(self):
        return ", ".join(part for part in (self.job_title, self.organisation) if part)
