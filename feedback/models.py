"""An edition's feedback survey and its responses.

A survey asks an overall rating from 1 to 5 and the organisers' chosen questions, of the kinds the
registration form asks (registrations.QuestionKind). Each registrant answers at most once (the
response is one-to-one with the registration) and may edit it until the survey closes. Responses
are personal data kept with their registration: they go with it (CASCADE).
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.timezone import now as utc_now

from common.tokens import sign
from mail.models import OutgoingMessage, due_index
from registrations.models import QuestionKind, Registration
from registrations.models.questions import FixedOnceAnswered, FixedOnceChosen, InWords

RATINGS = range(1, 6)
# What each rating means, as the answer page labels its five buttons and the results their counts.
RATING_WORDS = {1: "Poor", 2: "Fair", 3: "Good", 4: "Very good", 5: "Excellent"}
# A feedback link signs the registration's link key with its own salt: it opens this survey only.
ANSWER_SALT = "feedback.answer"


def attendees(edition):
    """Who may answer: the edition's registrants checked in on at least one day, still named."""
    return Registration.objects.not_anonymised().filter(edition=edition, attendances__isnull=False).distinct()


def attended(registration):
    return registration.anonymised_at is None and registration.attendances.exists()


def answer_url(registration):
    """The registrant's own link to the survey of their edition (untimed: the survey's closes_on ends it)."""
    return reverse("feedback:answer", args=[sign(registration.link_key, salt=ANSWER_SALT, timed=False)])


class SurveyQuerySet(models.QuerySet):
    def maybe_inviting(self, now):
        """Surveys whose invitations may be due: the day after the edition's end has begun somewhere
        on Earth, and they have not closed anywhere. Survey.is_inviting decides in the venue's zone."""
        utc_today = now.date()
        return self.filter(
            edition__end_date__lt=utc_today + timedelta(days=1), closes_on__gte=utc_today - timedelta(days=1)
        ).select_related("edition")


class Survey(models.Model):
    edition = models.OneToOneField("events.Edition", on_delete=models.CASCADE, related_name="survey")
    intro = models.TextField(
        "introduction",
        blank=True,
        help_text="A sentence or two above the questions, e.g. what the answers are for.",
    )
    closes_on = models.DateField(
        help_text="The last day answers are taken or changed, in the venue's calendar.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        ordering = ["-edition__start_date"]

    def __str__(self):
        return f"Feedback on {self.edition}"

    def clean(self):
        if self.edition_id and self.closes_on and self.closes_on < self.invites_on:
            invited = "Attendees are invited the day after the edition's last day"
            raise ValidationError({"closes_on": f"{invited}: close it after that."})

    # Time, in the venue's calendar (the edition's zone): "the day after", "until closes_on".

    def local_today(self, now=None):
        return (now or utc_now()).astimezone(self.edition.tz).date()

    @property
    def invites_on(self):
        """The day the invitations go: the day after the edition's last."""
        return self.edition.end_date + timedelta(days=1)

    def is_inviting(self, now=None):
        return self.invites_on <= self.local_today(now) <= self.closes_on

    def is_open(self, now=None):
        """Answers are taken and changed from the edition's end to the end of closes_on."""
        now = now or utc_now()
        return self.edition.is_over(now) and self.local_today(now) <= self.closes_on


class SurveyQuestion(FixedOnceAnswered, models.Model):
    Kind = QuestionKind

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField("question", max_length=200)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.LONG_TEXT)
    help_text = models.CharField("help", max_length=300, blank=True)
    required = models.BooleanField(default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["survey", "order", "pk"]
        verbose_name = "question"
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=QuestionKind.values), name="survey_question_kind_valid"
            ),
        ]

    def __str__(self):
        return self.label


class SurveyChoice(FixedOnceChosen, models.Model):
    question = models.ForeignKey(SurveyQuestion, on_delete=models.CASCADE, related_name="choices")
    label = models.CharField("choice", max_length=200)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "choice"
        constraints = [models.UniqueConstraint(fields=["question", "label"], name="survey_choice_once")]

    def __str__(self):
        return self.label


class Response(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    registration = models.OneToOneField(
        "registrations.Registration", on_delete=models.CASCADE, related_name="feedback"
    )
    rating = models.PositiveSmallIntegerField("overall rating")
    submitted_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["survey", "submitted_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="response_rating_1_to_5"),
        ]

    def __str__(self):
        # Never by the person: responses are anonymous outside the registration they belong to.
        return f"response {self.pk}"

    @property
    def rating_words(self):
        return RATING_WORDS[self.rating]


class ResponseAnswer(InWords, models.Model):
    """One answer to one question: `text`, `yes` or `choices`, as the question's kind asks."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.RESTRICT, related_name="answers")
    text = models.TextField(blank=True)
    yes = models.BooleanField(null=True)
    choices = models.ManyToManyField(SurveyChoice, related_name="chosen", blank=True)

    class Meta:
        ordering = ["response", "question__order", "question_id"]
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="response_answer_once")]

    def __str__(self):
        return f"answer {self.pk}"


class FeedbackMessage(OutgoingMessage):
    """The one e-mail inviting an attendee to answer the survey (mail.OutgoingMessage).

    One per registration, whoever queues it and however often (the constraint): the hourly
    command run twice, or by two workers at once, queues it once. Deleted when the registration
    is anonymised (feedback.retention), as nobody may then learn who was invited.
    """

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="+")

    class Meta(OutgoingMessage.Meta):
        verbose_name = "feedback invitation"
        constraints = [models.UniqueConstraint(fields=["registration"], name="feedback_invitation_once")]
        indexes = [due_index("feedback_message_due")]

    @property
    def recipient(self):
        return self.registration.email

    @property
    def topic(self):
        return "Invitation to give feedback"
