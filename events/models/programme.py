"""Who hosts, partners and speaks at an edition, and its agenda."""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from .directory import Host, Partner, Speaker
from .fields import MarkdownField, RenderedMarkdownField


class HostRole(models.TextChoices):
    LEAD = "lead", "Lead host"
    CO_HOST = "co_host", "Co-host"


class EditionHost(models.Model):
    Role = HostRole

    edition = models.ForeignKey("events.Edition", on_delete=models.CASCADE, related_name="edition_hosts")
    host = models.ForeignKey(Host, on_delete=models.PROTECT, related_name="edition_hosts")
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.LEAD)
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "host"
        constraints = [
            models.UniqueConstraint(fields=["edition", "host"], name="edition_host_unique"),
            models.CheckConstraint(condition=Q(role__in=HostRole.values), name="edition_host_role_valid"),
        ]

    def __str__(self):
        return f"{self.host} ({self.get_role_display()})"


class PartnerRole(models.TextChoices):
    ORGANISER = "organiser", "Organiser"
    PARTNER = "partner", "Partner"
    SPONSOR = "sponsor", "Sponsor"
    MEDIA_PARTNER = "media_partner", "Media partner"


class Partnership(models.Model):
    Role = PartnerRole

    edition = models.ForeignKey("events.Edition", on_delete=models.CASCADE, related_name="partnerships")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="partnerships")
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.PARTNER)
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "partner"
        constraints = [
            models.UniqueConstraint(fields=["edition", "partner", "role"], name="partnership_unique"),
            models.CheckConstraint(condition=Q(role__in=PartnerRole.values), name="partnership_role_valid"),
        ]

    def __str__(self):
        return f"{self.partner} ({self.get_role_display()})"


class EditionSpeaker(models.Model):
    edition = models.ForeignKey("events.Edition", on_delete=models.CASCADE, related_name="edition_speakers")
    speaker = models.ForeignKey(Speaker, on_delete=models.PROTECT, related_name="edition_speakers")
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "speaker"
        constraints = [models.UniqueConstraint(fields=["edition", "speaker"], name="edition_speaker_unique")]

    def __str__(self):
        return str(self.speaker)


class AgendaItem(models.Model):
    uid = models.UUIDField("calendar UID", default=uuid.uuid4, unique=True, editable=False)
    edition = models.ForeignKey("events.Edition", on_delete=models.CASCADE, related_name="agenda_items")
    day = models.DateField()
    start_time = models.TimeField()
    end_time = models.TimeField(null=True, blank=True)
    title = models.CharField(max_length=300)
    description = MarkdownField(max_length=5_000)
    description_html = RenderedMarkdownField("description")
    speakers = models.ManyToManyField(Speaker, blank=True, related_name="agenda_items")

    history = HistoricalRecords()

    class Meta:
        ordering = ["day", "start_time", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__isnull=True) | Q(end_time__gt=F("start_time")),
                name="agenda_item_end_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.day:%Y-%m-%d} {self.start_time:%H:%M} {self.title}"

    def clean(self):
        errors = {}
        if self.end_time and self.start_time and self.end_time <= self.start_time:
            errors["end_time"] = "The session must end after it starts."
        edition = self.edition if self.edition_id else None
        if edition and self.day and not edition.start_date <= self.day <= edition.end_date:
            errors["day"] = "The day must fall within the edition's dates."
        if errors:
            raise ValidationError(errors)
