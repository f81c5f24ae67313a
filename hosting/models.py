"""The "Host an edition" page's text and the cut-off dates of calls for hosts."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from events.models.fields import MarkdownField, RenderedMarkdownField
from events.text import render_markdown
from events.timezones import validate_timezone, zone

# Until the organisers write their own, the page quotes the series' announcements
# (seeds 001 and 003) word for word: they say what hosting involves and who may apply.
DEFAULT_TITLE = "Host an edition"
DEFAULT_BODY = """## What hosting involves

“To reinforce the connection between clusters and regional actors, the ECCP organizes transnational
workshops that bring together clusters and policymakers at the local, regional, and national levels,
with the aim of strengthening the industrial ecosystem in a selected host region.”

“These events will allow national and regional clusters and policymakers to come together to share
experiences, secure new partnerships and to learn from one another.”

## Who may apply

The ECCP calls “to select the national/regional authorities and clusters organisations to run each of
these important events”. Its latest call “addresses local and regional authorities, innovation
agencies, cluster organisations, business network organisations, and other small and medium-sized
enterprise (SME) intermediaries.”
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
            page = cls(title=DEFAULT_TITLE, body=DEFAULT_BODY, body_html=render_markdown(DEFAULT_BODY))
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
