"""Recording an attendee's response: one per person, replaced as a whole when they edit it."""

from django.db import transaction

from registrations.models import Registration

from .models import Response, ResponseAnswer


def answer(registration, survey, *, rating, answers):
    """Stores the rating and `answers` (registrations.answers.Given) as the person's one response,
    replacing what they gave before; True if it is their first. The registration's row is locked,
    so a form sent twice at once is stored once, then again the same."""
    with transaction.atomic():
        Registration.objects.select_for_update().get(pk=registration.pk)
        response, created = Response.objects.update_or_create(
            registration=registration, defaults={"survey": survey, "rating": rating}
        )
        response.answers.all().delete()
        for given in answers:
            row = ResponseAnswer.objects.create(
                response=response, question=given.question, text=given.text, yes=given.yes
            )
            row.choices.set(given.choices)
    return created
