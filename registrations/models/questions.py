"""The organisers' own questions on an edition's registration form, and the registrants' answers.

Answers are personal data: they go with their registration (CASCADE) and are cleared when it is
anonymised. A question, and each of its choices, is kept while anything answers it (RESTRICT:
it cannot be deleted on its own, yet deleting the whole edition takes its registrations, their
answers and its questions together; PROTECT would refuse even that). Its kind and its chosen
choices are fixed once answered, so an answer always means what the registrant chose: to ask
something else, the organisers add a new question or a new choice.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual

# What a registrant may write: a line, or a few paragraphs.
SHORT_TEXT_MAX = 200
LONG_TEXT_MAX = 2000


class QuestionKind(models.TextChoices):
    SHORT_TEXT = "short_text", "Short text (one line)"
    LONG_TEXT = "long_text", "Long text (several lines)"
    ONE_CHOICE = "one_choice", "One choice"
    SEVERAL_CHOICES = "several_choices", "Several choices"
    YES_NO = "yes_no", "Yes or no"


CHOICE_KINDS = (QuestionKind.ONE_CHOICE, QuestionKind.SEVERAL_CHOICES)
TEXT_KINDS = (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT)


class FixedOnceAnswered:
    """A question whose kind stays as it is once answered, so that an answer always means what was
    asked: the registration form's (Question) and a feedback survey's (feedback.SurveyQuestion).
    The model has a `kind` and its answers as `answers`."""

    @property
    def has_choices(self):
        return self.kind in CHOICE_KINDS

    @property
    def is_answered(self):
        return self.pk is not None and self.answers.exists()

    def clean(self):
        if self.pk is None or not self.is_answered:
            return
        stored = type(self)._default_manager.filter(pk=self.pk).values_list("kind", flat=True).first()
        if stored is not None and stored != self.kind:
            raise ValidationError(
                {
                    "kind": "Registrants have answered this question, so its kind stays as it is. "
                    "Add a new question to ask it another way."
                }  # fmt: skip
            )


class FixedOnceChosen:
    """A question's choice whose label stays once someone chose it (its choosers: `chosen`)."""

    @property
    def is_chosen(self):
        return self.pk is not None and self.chosen.exists()

    def clean(self):
        if self.pk is None or not self.is_chosen:
            return
        stored = type(self)._default_manager.filter(pk=self.pk).values_list("label", flat=True).first()
        if stored is not None and stored != self.label:
            raise ValidationError(
                {"label": "Registrants have chosen this choice, so it stays as it is. Add a new one instead."}
            )


class QuestionQuerySet(models.QuerySet):
    def asked(self):
        """The questions the edition's form asks, in their order, with their choices."""
        return self.filter(is_asked=True).prefetch_related("choices").order_by("order", "pk")

    def in_columns(self):
        """A column each in the CSV and the attendance list: asked now, or answered before."""
        answered = Answer.objects.filter(question=models.OuterRef("pk"))
        return self.filter(Q(is_asked=True) | Q(models.Exists(answered))).order_by(
            "edition__start_date", "edition_id", "order", "pk"
        )

    def with_answer_counts(self):
        return self.annotate(answer_count=models.Count("answers"))


class Question(FixedOnceAnswered, models.Model):
    Kind = QuestionKind

    edition = models.ForeignKey("events.Edition", on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(
        "question",
        max_length=200,
        help_text="As the form asks it, e.g. “Which site visit will you join?”",
    )
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.SHORT_TEXT)
    help_text = models.CharField(
        "help", max_length=300, blank=True, help_text="Shown under the question, e.g. what it is for."
    )
    required = models.BooleanField(
        default=False, help_text="Unticked, the form marks the question “optional”."
    )
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Questions are asked after the registrant's details, lowest number first."
    )
    is_asked = models.BooleanField(
        "asked on the form",
        default=True,
        help_text="Untick to stop asking it: answers given stay with their registrations.",
    )

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["edition", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=QuestionKind.values), name="question_kind_valid"),
        ]

    def __str__(self):
        return self.label


class QuestionChoice(FixedOnceChosen, models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    label = models.CharField("choice", max_length=200)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "choice"
        constraints = [
            models.UniqueConstraint(fields=["question", "label"], name="question_choice_once"),
        ]

    def __str__(self):
        return self.label


class InWords:
    """An answer with `text`, `yes` and `choices`: a registrant's (Answer) or an attendee's
    (feedback.ResponseAnswer), shown the same way on their pages, in the admin and in CSV."""

    @property
    def display(self):
        """The answer in words: the text, "Yes" or "No", or the choices' labels."""
        if self.yes is not None:
            return "Yes" if self.yes else "No"
        if self.text:
            return self.text
        return "; ".join(choice.label for choice in self.choices.all())


class AnswerQuerySet(models.QuerySet):
    def in_question_order(self):
        return (
            self.select_related("question")
            .prefetch_related("choices")
            .order_by("question__order", "question_id")
        )


class Answer(InWords, models.Model):
    """One registrant's answer to one question: `text`, `yes` or `choices`, as the question's kind asks.

    An optional question left unanswered has no row.
    """

    registration = models.ForeignKey(
        "registrations.Registration", on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(Question, on_delete=models.RESTRICT, related_name="answers")
    text = models.TextField(blank=True)
    yes = models.BooleanField(null=True)
    choices = models.ManyToManyField(QuestionChoice, through="AnswerChoice", related_name="+")

    objects = AnswerQuerySet.as_manager()

    class Meta:
        ordering = ["registration", "question__order", "question_id"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "question"], name="answer_once"),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("text"), LONG_TEXT_MAX), name="answer_text_length"
            ),
        ]

    def __str__(self):
        # Named by number, never by what it says: the admin lists it when a registration is deleted.
        return f"answer {self.pk}"


class AnswerChoice(models.Model):
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="+")
    choice = models.ForeignKey(QuestionChoice, on_delete=models.RESTRICT, related_name="chosen")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["answer", "choice"], name="answer_choice_once")]

    def __str__(self):
        return f"choice {self.choice_id} of answer {self.answer_id}"
