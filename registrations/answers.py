"""The organisers' questions as form fields, the answers a form gives, and answers as table cells.

The form asks the edition's questions with the widget each kind needs; what it returns is
recorded with the request, in its transaction (flow.py). The admin's list, the CSV export and
the attendance list show the answers one column per question (AnswerTable).
"""

from dataclasses import dataclass, field

from django import forms

from .models import Answer, AnswerChoice, Question, QuestionKind
from .models.questions import LONG_TEXT_MAX, SHORT_TEXT_MAX

YES_NO = [("yes", "Yes"), ("no", "No")]


def field_name(question):
    return f"question_{question.pk}"


def form_field(question):
    """The form field that asks `question`: its label, help, whether it must be answered."""
    label = question.label if question.required else f"{question.label} (optional)"
    common = {"label": label, "help_text": question.help_text, "required": question.required}
    choices = [(str(choice.pk), choice.label) for choice in question.choices.all()]
    match question.kind:
        case QuestionKind.LONG_TEXT:
            return forms.CharField(
                max_length=LONG_TEXT_MAX, widget=forms.Textarea(attrs={"rows": 4}), **common
            )
        case QuestionKind.ONE_CHOICE:
            return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
        case QuestionKind.SEVERAL_CHOICES:
            return forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple, **common)
        case QuestionKind.YES_NO:
            return forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, **common)
        case _:
            return forms.CharField(max_length=SHORT_TEXT_MAX, **common)


@dataclass
class Given:
    """What the form says one registrant answered to one question (nothing left blank)."""

    question: Question
    text: str = ""
    yes: bool | None = None
    choices: list = field(default_factory=list)


def given(question, value):
    """The answer to `question` in a form's cleaned `value`; None when left blank."""
    if value in ("", None, []):
        return None
    if question.kind == QuestionKind.YES_NO:
        return Given(question, yes=value == "yes")
    if question.kind in (QuestionKind.ONE_CHOICE, QuestionKind.SEVERAL_CHOICES):
        picked = {value} if isinstance(value, str) else set(value)
        return Given(question, choices=[c for c in question.choices.all() if str(c.pk) in picked])
    return Given(question, text=value)


def record(registration, answers):
    """Stores a registrant's answers, replacing any they gave before. In the caller's transaction."""
    Answer.objects.filter(registration=registration).delete()
    for answer in answers:
        row = Answer.objects.create(
            registration=registration, question=answer.question, text=answer.text, yes=answer.yes
        )
        AnswerChoice.objects.bulk_create(AnswerChoice(answer=row, choice=choice) for choice in answer.choices)


class AnswerTable:
    """The answers of some registrations, one column per question of their editions.

    A question gets a column while it is asked or once it has been answered. With several
    editions, each heading names its edition. Three queries, whatever the number of rows.
    """

    def __init__(self, registrations):
        """`registrations`: a queryset, read here as subqueries."""
        edition_ids = registrations.order_by().values("edition_id")
        self.questions = list(
            Question.objects.filter(edition_id__in=edition_ids).in_columns().select_related("edition")
        )
        answers = Answer.objects.filter(registration__in=registrations.order_by().values("pk"))
        self._answers = {
            (a.registration_id, a.question_id): a.display for a in answers.prefetch_related("choices")
        }
        self._several = len({q.edition_id for q in self.questions}) > 1

    def headings(self):
        if self._several:
            return [f"{q.edition.slug}: {q.label}" for q in self.questions]
        return [q.label for q in self.questions]

    def cells(self, registration):
        return [self._answers.get((registration.pk, q.pk), "") for q in self.questions]
