"""Editions: what is public, what is upcoming or past, and the rules of their dates."""

import contextlib
import uuid
from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
)
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.timezone import now as utc_now
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from common.single_line import one_line
from common.text import fold
from common.timezones import validate_timezone, zone
from events.imagery.uploads import (
    HERO_FALLBACK_WIDTH,
    THUMBNAIL_BOX,
    image_field,
    rendition,
)

from ..validators import validate_phone
from .choices import Approval, EditionFormat, EditionStatus, RegistrationMode
from .directory import Host, Partner, Series, Speaker, Theme
from .duplication import duplicate
from .edition_registration import EditionRegistration
from .fields import MarkdownField, RenderedMarkdownField
from .places import EditionPlace
from .presentation import EditionPresentation
from .querysets import EditionQuerySet


class Edition(EditionPlace, EditionPresentation, EditionRegistration):
    Status = EditionStatus

    Format = EditionFormat

    # Essentials
    title = models.CharField(max_length=300)
    slug = models.SlugField(
        max_length=120,
        unique=True,
        help_text="The edition's address: /editions/<slug>/",
    )
    series = models.ForeignKey(Series, on_delete=models.PROTECT, related_name="editions")
    teaser = models.CharField(max_length=300, blank=True, help_text="One line shown in lists.")
    description = MarkdownField()
    description_html = RenderedMarkdownField("description")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    themes = models.ManyToManyField(Theme, blank=True, related_name="editions")

    # Place
    city = models.CharField(max_length=120, blank=True)
    region = models.CharField(max_length=120, blank=True)
    country = CountryField(blank=True)
    venue_name = models.CharField(max_length=200, blank=True)
    address = models.CharField(max_length=300, blank=True)
    postal_code = models.CharField(max_length=20, blank=True)
    venue_url = models.URLField("venue website", blank=True)
    travel = MarkdownField(
        "getting there",
        help_text="How to reach the venue: stations, airports, hotels. Shown beside the venue.",
    )
    travel_html = RenderedMarkdownField("travel")
    organiser_url = models.URLField("organiser website", blank=True)
    latitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    timezone = models.CharField(
        max_length=64,
        default="Europe/Brussels",
        validators=[validate_timezone],
        help_text="IANA time zone of the venue, e.g. Europe/Brussels. Dates and times are in this zone.",
    )

    # Time and registration
    start_date = models.DateField()
    end_date = models.DateField()
    start_time = models.TimeField(null=True, blank=True, help_text="Leave empty for a full-day event.")
    end_time = models.TimeField(null=True, blank=True)
    format = models.CharField(max_length=16, choices=Format.choices, default=Format.IN_PERSON)
    online_url = models.URLField("online URL", blank=True)
    expected_audience = models.TextField(blank=True)

    # Contact
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True, validators=[validate_phone])
    # The host region's staff who run this edition with the organisers (events.roles).
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="team_editions",
        verbose_name="host team",
        help_text="People of the host region who manage this edition, and nothing else, in the admin.",
    )

    # Images
    hero_image = image_field("editions/", width_field="hero_image_width", height_field="hero_image_height")
    hero_image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_image_alt = models.CharField(
        "hero image alt text",
        max_length=300,
        blank=True,
        help_text="What the image shows, for people who cannot see it. Required with an image.",
    )
    hero_480 = rendition("hero_image", 480)
    hero_960 = rendition("hero_image", 960)
    hero_1600 = rendition("hero_image", 1600)
    hero_fallback = rendition("hero_image", HERO_FALLBACK_WIDTH, format="JPEG")
    hero_thumbnail = rendition("hero_image", *THUMBNAIL_BOX)

    hosts = models.ManyToManyField(Host, through="EditionHost", related_name="editions", blank=True)
    partners = models.ManyToManyField(Partner, through="Partnership", related_name="editions", blank=True)
    speakers = models.ManyToManyField(Speaker, through="EditionSpeaker", related_name="editions", blank=True)

    # Calendars identify an event by UID for its whole life, whatever organisers
    # rename, and take a change of date, time, place or status from SEQUENCE.
    uid = models.UUIDField("calendar UID", default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)

    # The instant the edition is over, in UTC, derived in save() from the end
    # date, end time and venue zone: "upcoming" and "past" are then one indexed
    # comparison with now. `manage.py recompute_instants` refreshes it after a
    # tzdata update moves a zone's offsets.
    ends_at = models.DateTimeField(editable=False, db_index=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # What the archive's search reads, kept by events/search.py whenever the
    # edition or one of its links changes (see search_text()). On PostgreSQL
    # search_vector is the same text as a tsvector, under a GIN index made by
    # migration 0007; SQLite leaves it empty and matches search_document.
    search_document = models.TextField(blank=True, default="", editable=False)
    search_vector = SearchVectorField(null=True, editable=False)

    objects = EditionQuerySet.as_manager()

    # What subscribed calendars must be told about (RFC 5545 3.8.7.4).
    SCHEDULING_FIELDS = (
        "start_date", "end_date", "start_time", "end_time", "timezone", "status", "format",
        "venue_name", "address", "postal_code", "city", "region", "country", "online_url",
    )  # fmt: skip

    history = HistoricalRecords(excluded_fields=["search_document", "search_vector"])

    class Meta:
        ordering = ["-start_date", "title"]
        indexes = [
            models.Index(fields=["status", "end_date"]),
            models.Index(fields=["start_date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="edition_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=Q(status__in=EditionStatus.values),
                name="edition_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(format__in=EditionFormat.values),
                name="edition_format_valid",
            ),
            models.CheckConstraint(
                condition=Q(end_time__isnull=True) | Q(start_time__isnull=False),
                name="edition_end_time_needs_start_time",
            ),
            models.CheckConstraint(
                condition=Q(end_date__gt=F("start_date"))
                | Q(end_time__isnull=True)
                | Q(end_time__gt=F("start_time")),
                name="edition_end_time_after_start_time",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(
                    latitude__gte=-90,
                    latitude__lte=90,
                    longitude__gte=-180,
                    longitude__lte=180,
                ),
                name="edition_coordinates_valid",
            ),
            models.CheckConstraint(
                condition=Q(registration_mode__in=RegistrationMode.values),
                name="edition_registration_mode_valid",
            ),
            models.CheckConstraint(
                condition=Q(registration_approval__in=Approval.values),
                name="edition_registration_approval_valid",
            ),
            models.CheckConstraint(
                condition=~Q(registration_mode=RegistrationMode.ON_SITE)
                | Q(registration_places__isnull=False),
                name="edition_registration_on_site_has_places",
            ),
            models.CheckConstraint(
                condition=Q(hero_image="") | ~Q(hero_image_alt=""),
                name="edition_hero_image_has_alt",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # The title is every e-mail's subject about the edition: a line break there would fail them all.
        self.title = one_line(self.title)
        if self.pk:
            before = Edition.objects.filter(pk=self.pk).values(*self.SCHEDULING_FIELDS, "sequence").first()
            if before and any(before[f] != getattr(self, f) for f in self.SCHEDULING_FIELDS):
                self.sequence = before["sequence"] + 1
        self.ends_at = self.local_end
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and set(update_fields) & set(self.SCHEDULING_FIELDS):
            kwargs["update_fields"] = {*update_fields, "ends_at"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("events:edition-detail", args=[self.slug])

    def search_text(self):
        """The folded text the archive's search matches: the title and place on the first line.

        Ranking puts editions whose title or place holds a word first, by where
        the word falls (see EditionQuerySet.search()). Only stored fields and
        relations are read, so migration 0007 can run this on its historical model.
        """
        heading = [self.title, self.city, self.region, self.country.name]
        body = [self.teaser, self.description, self.series.name]
        body += [theme.name for theme in self.themes.all()]
        body += [link.host.name for link in self.edition_hosts.select_related("host")]
        body += [link.partner.name for link in self.partnerships.select_related("partner")]
        for link in self.edition_speakers.select_related("speaker"):
            body += [link.speaker.name, link.speaker.organisation]
        with contextlib.suppress(ObjectDoesNotExist):  # no summary
            body.append(self.summary.body)
        return fold(" ".join(filter(None, heading))) + "\n" + fold(" ".join(filter(None, body)))

    def neighbour(self, *, before):
        """The published edition of the same series just before or after this one."""
        others = Edition.objects.published().filter(series_id=self.series_id).exclude(pk=self.pk)
        if before:
            others = others.filter(
                Q(start_date__lt=self.start_date) | Q(start_date=self.start_date, pk__lt=self.pk)
            ).order_by("-start_date", "-pk")
        else:
            others = others.filter(
                Q(start_date__gt=self.start_date) | Q(start_date=self.start_date, pk__gt=self.pk)
            ).order_by("start_date", "pk")
        return others.only("title", "slug", "start_date", "end_date", "city").first()

    def duplicate(self):
        """A draft copy to start the next edition from (events/models/duplication.py)."""
        return duplicate(self)

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = "The end date cannot be before the start date."
        if self.end_time and not self.start_time:
            errors["start_time"] = "Give a start time as well, or leave both times empty."
        if (
            self.start_time
            and self.end_time
            and self.start_date == self.end_date
            and self.end_time <= self.start_time
        ):
            errors["end_time"] = "On a one-day event the end time must be after the start time."
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = "Give both latitude and longitude, or neither."
        if self.hero_image and not self.hero_image_alt.strip():
            errors["hero_image_alt"] = "Describe the image for people who cannot see it."
        errors.update(self.registration_errors())
        if errors:
            raise ValidationError(errors)

    # Time, always in the venue's own zone.

    @property
    def tz(self):
        return zone(self.timezone)

    @property
    def is_timed(self):
        return self.start_time is not None

    @property
    def local_start(self):
        return datetime.combine(self.start_date, self.start_time or time.min, tzinfo=self.tz)

    @property
    def local_end(self):
        """When the edition is over, in the venue's zone: its end time, or the end of its last day."""
        if self.end_time:
            return datetime.combine(self.end_date, self.end_time, tzinfo=self.tz)
        return datetime.combine(self.end_date + timedelta(days=1), time.min, tzinfo=self.tz)

    def is_over(self, now=None):
        # The same rule as EditionQuerySet.past(), on the same stored instant.
        return (now or utc_now()) >= self.ends_at

    @property
    def days(self):
        """The edition's days, first to last: attendance is recorded once per person and day."""
        length = (self.end_date - self.start_date).days + 1
        return [self.start_date + timedelta(days=n) for n in range(length)]

    @property
    def is_public(self):
        return self.status != self.Status.DRAFT

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def is_postponed(self):
        return self.status == self.Status.POSTPONED

    @property
    def is_going_ahead(self):
        """The same rule as EditionQuerySet.going_ahead()."""
        return self.status == self.Status.PUBLISHED

    @property
    def is_online(self):
        return self.format == self.Format.ONLINE

    @property
    def is_hybrid(self):
        return self.format == self.Format.HYBRID

    @property
    def has_venue(self):
        """In person or hybrid: there is a place to go to."""
        return self.format != self.Format.ONLINE

    @property
    def has_online_part(self):
        """Online or hybrid: there is a way to join from afar."""
        return self.format != self.Format.IN_PERSON

    @property
    def has_summary(self):
        try:
            return self.summary is not None
        except ObjectDoesNotExist:
            return False

    @property
    def summary_on_site(self):
        """The summary, where it has something to show; None where there is none or it is still empty.

        Lists from for_listing() carry `summary_has_recordings`, so this asks no query there.
        """
        if not self.has_summary:
            return None
        summary = self.summary
        if summary.has_content_besides_recordings:
            return summary
        has_recordings = getattr(self, "summary_has_recordings", None)
        if has_recordings is None:
            has_recordings = summary.recordings.exists()
        return summary if has_recordings else None

    @property
    def summary_not_on_site(self):
        """A summary was published (the seeds say so) but none of it is on this site yet."""
        return self.has_summary and self.summary_on_site is None
