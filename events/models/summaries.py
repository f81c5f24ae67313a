"""What is left after an edition: its summary, report and recordings."""

from django.core.validators import (
    FileExtensionValidator,
)
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from events.imagery.uploads import (
    validate_pdf_upload,
)

from .fields import MarkdownField, RenderedMarkdownField


class SummaryQuerySet(models.QuerySet):
    """A summary is as public as its edition: it asks the edition's own vocabulary.

    The edition model is reached through the relation rather than imported, because Edition's
    queryset (querysets.py) already imports this module for the summaries' recordings.
    """

    def _editions(self):
        return self.model.edition.field.related_model.objects

    def published(self):
        return self.filter(edition__in=self._editions().published())

    def visible_to(self, user):
        return self.filter(edition__in=self._editions().visible_to(user))


class Summary(models.Model):
    edition = models.OneToOneField("events.Edition", on_delete=models.CASCADE, related_name="summary")
    body = MarkdownField()
    body_html = RenderedMarkdownField("body")
    report = models.FileField(
        "PDF report",
        upload_to="summaries/",
        blank=True,
        validators=[FileExtensionValidator(["pdf"]), validate_pdf_upload],
        help_text="A PDF file.",
    )
    participants = models.PositiveIntegerField(null=True, blank=True)
    countries = models.PositiveIntegerField("countries represented", null=True, blank=True)
    published_on = models.DateField(null=True, blank=True)
    url = models.URLField(
        "published at",
        blank=True,
        help_text="Where the summary is published, if it is elsewhere (e.g. the ECCP's site).",
    )

    objects = SummaryQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "summaries"

    def __str__(self):
        return f"Summary of {self.edition}"

    def get_absolute_url(self):
        return reverse("events:summary-detail", args=[self.edition.slug])

    @property
    def has_content(self):
        """Something to show: a summary page without it would only say there is nothing yet."""
        return self.has_content_besides_recordings or bool(self.recordings.all())

    @property
    def has_content_besides_recordings(self):
        return bool(self.body or self.report or self.participants or self.countries or self.url)


class Recording(models.Model):
    summary = models.ForeignKey(Summary, on_delete=models.CASCADE, related_name="recordings")
    title = models.CharField(max_length=300)
    url = models.URLField("URL")
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.title
