"""An edition's feedback survey and its responses.

A survey asks an overall rating from 1 to 5 and the organisers' chosen questions, of the kinds the
registration form asks (registrations.QuestionKind). Each registrant answers at most once (the
response is one-to-one with the registration) and may edit it until the survey closes. Responses
are personal data kept with their registration: they go with it (CASCADE).
"""

from django.db import models
from django.db.models import Q

from registrations.models import QuestionKind

RATINGS = range(1, 6)


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

    class Meta:
        ordering = ["-edition__start_date"]

    def __str__(self):
        return f"Feedback on {self.edition}"


class SurveyQuestion(models.Model):
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


class SurveyChoice(models.Model):
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


class ResponseAnswer(models.Model):
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
