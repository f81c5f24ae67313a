"""The feedback part of the registrant's own page (registrations/manage.html includes
feedback/_own_page.html, which asks this tag: registrations imports nothing from feedback)."""

from django import template
from django.utils.timezone import now as utc_now

from feedback.models import Response, answer_url, attended

register = template.Library()


@register.simple_tag
def feedback_for(registration):
    """{"url", "survey", "response"} while the person's edition's survey is open to them, else None."""
    survey = getattr(registration.edition, "survey", None)
    if survey is None or not survey.is_open(utc_now()) or not attended(registration):
        return None
    return {
        "url": answer_url(registration),
        "survey": survey,
        "response": Response.objects.filter(registration=registration).first(),
    }
