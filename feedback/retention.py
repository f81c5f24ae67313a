"""Feedback kept with the registration's retention (registrations_retention).

When a registration is anonymised, its free-text answers go: a sentence can name its writer.
The rating, the yes/no and the choices stay, no longer tied to anyone, for the survey's figures;
the invitation row, which said who was written to, goes too.
"""

from registrations.models.questions import TEXT_KINDS

from .models import FeedbackMessage, ResponseAnswer


def forget(sender, pks, **kwargs):
    """registrations.signals.anonymised's receiver (connected in FeedbackConfig.ready)."""
    ResponseAnswer.objects.filter(response__registration_id__in=pks, question__kind__in=TEXT_KINDS).delete()
    FeedbackMessage.objects.filter(registration_id__in=pks).delete()
