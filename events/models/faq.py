"""Questions and answers for people registering for an edition and regions applying to host one,
kept by the organisers in the admin (the /faq/ page, linked from the register and apply forms)."""

from django.db import models
from django.urls import reverse

from .fields import MarkdownField, RenderedMarkdownField


class FaqAudience(models.TextChoices):
    REGISTRANTS = "registrants", "People registering for an edition"
    HOSTS = "hosts", "Regions applying to host"


class FaqEntryQuerySet(models.QuerySet):
    def for_audience(self, audience):
        return self.filter(audience=audience).order_by("order", "pk")


class FaqEntry(models.Model):
    Audience = FaqAudience

    question = models.CharField(max_length=200)
    answer = MarkdownField(blank=False)
    answer_html = RenderedMarkdownField("answer")
    audience = models.CharField(max_length=16, choices=FaqAudience.choices)
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")

    objects = FaqEntryQuerySet.as_manager()

    class Meta:
        ordering = ["audience", "order", "pk"]
        verbose_name = "FAQ entry"
        verbose_name_plural = "FAQ entries"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(audience__in=FaqAudience.values), name="faq_audience_valid"
            ),
        ]

    def __str__(self):
        return self.question

    def get_absolute_url(self):
        return f"{reverse('events:faq')}#{self.anchor}"

    @property
    def anchor(self):
        return f"faq-{self.pk}"
