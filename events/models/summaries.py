"""What is left after an edition: its summary, report, recordings and key figures.

The key figures come from the site where it holds them: the desk (desk/figures.py, above the
attendance and feedback apps) computes them from check-in and feedback once the edition is over
and stores them here. The organisers' own figures, typed in the admin, override them: an edition
registered elsewhere has only those. Events only reads its own fields.
"""

from django.core.validators import (
    FileExtensionValidator,
)
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from events.imagery.uploads import (
    validate_pdf_upload,
)

from .choices import OrganisationKind
from .fields import MarkdownField, RenderedMarkdownField

OVERRIDE_HELP = (
    "Leave empty to show the figure the site computes from check-in once the edition is over; "
    "fill in to show yours instead (e.g. for an edition registered elsewhere)."
)


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
    # The organisers' figures: overrides of the site's below where set.
    participants = models.PositiveIntegerField(null=True, blank=True, help_text=OVERRIDE_HELP)
    countries = models.PositiveIntegerField(
        "countries represented", null=True, blank=True, help_text=OVERRIDE_HELP
    )
    published_on = models.DateField(null=True, blank=True)
    url = models.URLField(
        "published at",
        blank=True,
        help_text="Where the summary is published, if it is elsewhere (e.g. the ECCP's site).",
    )

    # The site's figures (desk/figures.py): None where the site has no check-in for the edition.
    site_participants = models.PositiveIntegerField(
        "participants checked in", null=True, blank=True, editable=False
    )
    site_countries = models.PositiveIntegerField(
        "countries of those checked in", null=True, blank=True, editable=False
    )
    # {kind: participants}, for the kinds with at least one.
    site_kinds = models.JSONField("participants by kind", default=dict, blank=True, editable=False)
    site_rating = models.DecimalField(
        "average rating", max_digits=3, decimal_places=2, null=True, blank=True, editable=False
    )
    site_responses = models.PositiveIntegerField("feedback responses", default=0, editable=False)
    figures_computed_at = models.DateTimeField("figures computed", null=True, blank=True, editable=False)

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
        return bool(self.body or self.report or self.has_figures or self.url)

    # Each shown figure is the organisers' where they typed one, else the site's.

    @property
    def shown_participants(self):
        return self.site_participants if self.participants is None else self.participants

    @property
    def participants_from_site(self):
        return self.participants is None and bool(self.site_participants)

    @property
    def shown_countries(self):
        return self.site_countries if self.countries is None else self.countries

    @property
    def countries_from_site(self):
        return self.countries is None and bool(self.site_countries)

    @property
    def kinds(self):
        """[(label, participants)] from the site's check-in, most first; empty where it has none."""
        labels = dict(OrganisationKind.choices)
        counted = [(labels.get(kind, kind), count) for kind, count in self.site_kinds.items() if count]
        return sorted(counted, key=lambda item: (-item[1], item[0]))

    @property
    def satisfaction(self):
        """The average overall rating (1 to 5), or None without a response."""
        return self.site_rating if self.site_responses else None

    @property
    def has_figures(self):
        return bool(self.shown_participants or self.shown_countries or self.kinds or self.satisfaction)

    @property
    def has_site_figures(self):
        return (
            self.participants_from_site or self.countries_from_site or bool(self.kinds or self.satisfaction)
        )


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
