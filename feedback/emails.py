"""The invitation e-mail: the survey's own link for one attendee, in the one layout (mail.emails)."""

from django.conf import settings
from django.template.loader import render_to_string

from common.when import dates_text
from mail.emails import Link, build_email, paragraphs, write_to

from .models import answer_url


def build(message):
    registration = message.registration
    survey = message.survey
    edition = survey.edition
    subject = f"What did you think of {edition.title}?"
    context = {
        "registration": registration,
        "edition": edition,
        "survey": survey,
        "dates": dates_text(edition),
        "answer_url": settings.SITE_URL + answer_url(registration),
        "closes_on": f"{survey.closes_on.day} {survey.closes_on:%B %Y}",
        "write_to": write_to(edition),
    }
    text = render_to_string("feedback/email/invitation.txt", context)
    return build_email(
        registration.email,
        subject,
        text,
        body=paragraphs(text, {context["answer_url"]: "Give my feedback"}),
        reason=f"You receive this because you attended {edition.title}.",
        links=[Link("Your registration", settings.SITE_URL + registration.manage_url())],
        edition=edition,
    )
