"""A registration's answers to the organisers' questions, where organisers read and approve them."""

from django import forms
from django.contrib import admin
from django.db.models import Prefetch
from django.template.defaultfilters import linebreaksbr
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from events.admin.base import whole_number
from events.models import Edition

from ..models import Answer, Question

# The list shows the start of a long answer; the registration's page shows all of it.
LIST_ANSWER_CHARS = 120


class ShowsAnswers:
    """A RegistrationAdmin mixin: the answers on the registration's page and, in the list of an
    edition with questions, an "Answers" column to approve by."""

    def get_queryset(self, request):
        answers = Prefetch("answers", queryset=Answer.objects.in_question_order())
        return super().get_queryset(request).prefetch_related(answers)

    def get_list_display(self, request):
        """A list of one edition with questions trades its (repeated) edition column for the answers."""
        shown = super().get_list_display(request)
        edition_pk = whole_number(request.GET.get("edition__id__exact"))
        if edition_pk is None:
            return shown
        questions = Question.objects.filter(edition__in=Edition.objects.managed_by(request.user))
        if not questions.filter(edition=edition_pk).exists():
            return shown
        # Beside the name, where it is read with the person, before the columns that may scroll away.
        shown = [column for column in shown if column != "edition"]
        return [*shown[:1], "answers_column", *shown[1:]]

    @property
    def media(self):
        # admin.css gives the answers their room in the list.
        return super().media + forms.Media(css={"all": ["css/admin.css"]})

    @admin.display(description="Answers")
    def answers(self, obj):
        given = [(a.question.label, linebreaksbr(a.display)) for a in obj.answers.all()]
        if not given:
            return "None."
        return format_html(
            '<dl class="answers">{}</dl>', format_html_join("", "<dt>{}</dt><dd>{}</dd>", given)
        )

    @admin.display(description="Answers")
    def answers_column(self, obj):
        given = [(a.question.label, Truncator(a.display).chars(LIST_ANSWER_CHARS)) for a in obj.answers.all()]
        return format_html_join(mark_safe("<br>"), "<strong>{}</strong>: {}", given)
