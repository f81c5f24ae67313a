"""Calls for regions to host future editions."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import ExpressionWrapper, F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .directory import Series
from .fields import MarkdownField, RenderedMarkdownField


def _is_open(now):
    return (
        (Q(opens_at__isnull=True) | Q(opens_at__lte=now))
        & (Q(deadline__isnull=True) | Q(deadline__gt=now))
        # A call known only by its period is history: without a deadline it would be "open" forever.
        & (Q(deadline__isnull=False) | Q(period=""))
    )


class CallForHostsQuerySet(models.QuerySet):
    def open(self, now=None):
        return self.filter(_is_open(now or timezone.now())).order_by(F("deadline").asc(nulls_last=True))

    def newest_first(self):
        """The one order of past calls, on /host/ and on a series' page alike: a call known only by its
        period has no deadline and is the newest in the archive, so it comes first on every database."""
        return self.order_by(F("deadline").desc(nulls_first=True), "-pk")

    def with_is_open(self, now=None):
        """Each call with `is_open`, by the same rule as open()."""
        return self.annotate(
            is_open=ExpressionWrapper(_is_open(now or timezone.now()), output_field=models.BooleanField())
        )


class CallForHosts(models.Model):
    title = models.CharField(max_length=300)
    series = models.ForeignKey(Series, on_delete=models.PROTECT, related_name="calls_for_hosts")
    text = MarkdownField()
    text_html = RenderedMarkdownField("text")
    opens_at = models.DateTimeField("opening date", null=True, blank=True)
    deadline = models.DateTimeField(null=True, blank=True)
    apply_url = models.URLField("apply URL", blank=True)
    period = models.CharField(
        max_length=60,
        blank=True,
        help_text="For a call whose dates are not known: when it ran, in words, e.g. “2024 - 2025”. "
        "Such a call is listed with the series' calls and never as open.",
    )

    objects = CallForHostsQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["-deadline"]
        verbose_name = "call for hosts"
        verbose_name_plural = "calls for hosts"
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True) | Q(deadline__isnull=True) | Q(deadline__gt=F("opens_at")),
                name="call_deadline_after_opening",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def period_display(self):
        """The period as words read it: "2024–2025" for the seeds' "2024 - 2025"."""
        return re.sub(r"\s*-\s*", "\u2013", self.period)

    @property
    def announced(self):
        """The month the call's own words were written in, for the present tense they keep ("is open
        now"): the month it opened, else its deadline's; "" for a call known only by its period."""
        when = self.opens_at or self.deadline
        return f"{when:%B %Y}" if when else ""

    def clean(self):
        if self.opens_at and self.deadline and self.deadline <= self.opens_at:
            raise ValidationError({"deadline": "The deadline must be after the opening date."})
