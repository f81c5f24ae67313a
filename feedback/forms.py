"""The answer page's form: the overall rating, then the survey's questions as the registration
form asks its own (registrations.answers builds each field and reads back what it gives)."""

from django import forms

from common.forms import PublicForm
from registrations.answers import field_name, form_field, given

from .models import RATING_WORDS, RATINGS


class SurveyForm(PublicForm):
    # Reached only by a person's signed link: no bot comes this way.
    website = None

    rating = forms.TypedChoiceField(
        label="Overall, how was the event?",
        choices=[(str(n), f"{n} {RATING_WORDS[n]}") for n in RATINGS],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose a rating from 1 (poor) to 5 (excellent)."},
    )

    def __init__(self, *args, survey, response=None, **kwargs):
        self.survey = survey
        self.questions = list(survey.questions.prefetch_related("choices"))
        if response is not None and "data" not in kwargs and not args:
            kwargs["initial"] = initial(response)
        # Set before the form copies its fields, so that PublicForm draws each with its widget's
        # template (as the registration form adds its questions).
        self.base_fields = {**self.base_fields, **{field_name(q): form_field(q) for q in self.questions}}
        super().__init__(*args, **kwargs)
        self.fields["rating"].fieldset_class = "rating-scale"
        self.fields["rating"].summary_label = "Overall rating"

    def answers(self):
        """What the form says was answered, one Given per question answered (registrations.answers)."""
        found = (given(q, self.cleaned_data.get(field_name(q))) for q in self.questions)
        return [answer for answer in found if answer is not None]


def initial(response):
    """A response's answers as the form's initial values: the person edits what they gave."""
    values = {"rating": str(response.rating)}
    for answer in response.answers.select_related("question").prefetch_related("choices"):
        question = answer.question
        if answer.yes is not None:
            values[field_name(question)] = "yes" if answer.yes else "no"
        elif question.has_choices:
            picked = [str(choice.pk) for choice in answer.choices.all()]
            values[field_name(question)] = (
                picked if question.kind == question.Kind.SEVERAL_CHOICES else picked[0]
            )
        else:
            values[field_name(question)] = answer.text
    return values
