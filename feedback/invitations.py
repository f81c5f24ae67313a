"""The invitation to answer: one e-mail per attendee, the day after the edition ends.

Queued by the hourly command (feedback_hourly) for every survey whose day has come in the
venue's zone and that has not closed, so a survey added late still invites. Each row is
created once per registration (FeedbackMessage's constraint): a second run, or a second
worker at the same moment, finds it there and queues nothing.
"""

from django.db import IntegrityError, transaction
from django.utils.timezone import now as utc_now

from mail import delivery

from .models import FeedbackMessage, Survey, attendees


def invite(survey):
    """Queues the invitation for each attendee of the survey's edition not yet invited; how many."""
    queued = 0
    invited = FeedbackMessage.objects.filter(registration_id__in=attendees(survey.edition).values("pk"))
    for registration in attendees(survey.edition).exclude(pk__in=invited.values("registration_id")):
        try:
            with transaction.atomic():
                message = FeedbackMessage.objects.create(survey=survey, registration=registration)
                delivery.enqueue(message)
        except IntegrityError:
            continue  # another worker queued it a moment ago
        queued += 1
    return queued


def invite_all(now=None):
    """Queues the invitations due now, for every survey; how many."""
    now = now or utc_now()
    return sum(invite(survey) for survey in Survey.objects.maybe_inviting(now) if survey.is_inviting(now))
