"""The organisers' questions for an edition's form: their own admin, with the choices inline.

Their own pages rather than an inline of the edition: the edition's form already posts close to
Django's field limit (tests/events/admin/test_agenda.py), and a question's choices need a table
of their own. The edition's form sums its questions up and links here, as it does for the agenda.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from events.admin.base import ChecksPrefilledValues, EditionScoped

from ..models import Question, QuestionChoice

ANSWERED_NOTE = "Registrants have answered it, so its kind and the choices they chose stay as they are."


def questions_summary(edition):
    """The edition's questions in a line, with links to edit them and to add one."""
    if edition.pk is None:
        return "Save the edition first, then add its questions."
    questions = list(Question.objects.filter(edition=edition).order_by("order", "pk"))
    listed = reverse("admin:registrations_question_changelist") + f"?edition__id__exact={edition.pk}"
    add = reverse("admin:registrations_question_add") + f"?edition={edition.pk}"
    if not questions:
        return format_html(
            'The form asks only for the registrant’s details. <a href="{}">Add a question</a>', add
        )
    # Quoted, as a question often ends in its own question mark.
    names = format_html_join(
        ", ", "“{}”{}", ((q.label, "" if q.is_asked else " (not asked)") for q in questions)
    )
    return format_html(
        '{}: {}. <a href="{}">Edit the questions</a> · <a href="{}">Add a question</a>',
        f"{len(questions)} question{'s' if len(questions) != 1 else ''}",
        names,
        listed,
        add,
    )


class ChoiceForm(forms.ModelForm):
    """A choice someone chose is shown as it is and cannot be deleted: answers keep their meaning."""

    class Meta:
        model = QuestionChoice
        fields = ["label", "order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.chosen = self.instance.is_chosen
        if self.chosen:
            self.fields["label"].disabled = True

    def clean(self):
        cleaned = super().clean()
        if self.chosen and cleaned.get("DELETE"):
            # Kept, with this message rather than Django's list of every answer that chose it.
            cleaned["DELETE"] = False
            raise ValidationError(
                f"Registrants have chosen “{self.instance.label}”, so it cannot be deleted. "
                "Add a new choice, or a new question, instead."
            )
        return cleaned


class ChoiceFormSet(BaseInlineFormSet):
    def get_form_kwargs(self, index):
        """New rows are numbered after the choices there are, so that a choice added comes last."""
        kwargs = super().get_form_kwargs(index)
        if index is not None and index >= self.initial_form_count():
            last = max((choice.order for choice in self.get_queryset()), default=-1)
            kwargs["initial"] = {"order": last + 1 + index - self.initial_form_count()}
        return kwargs

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = [f for f in self.forms if f.cleaned_data.get("label") and not self._should_delete_form(f)]
        question = self.instance
        if question.has_choices and len(kept) < 2:
            raise ValidationError(f"A “{question.get_kind_display()}” question needs at least two choices.")
        if not question.has_choices and kept:
            raise ValidationError(
                f"A “{question.get_kind_display()}” question has no choices: delete them, or change its kind."
            )


class ChoiceInline(admin.TabularInline):
    model = QuestionChoice
    form = ChoiceForm
    formset = ChoiceFormSet
    fields = ["label", "order", "times_chosen"]
    readonly_fields = ["times_chosen"]
    extra = 3
    max_num = 50

    @admin.display(description="Answers")
    def times_chosen(self, obj):
        if obj.pk is None:
            return ""
        count = obj.chosen.count()
        if not count:
            return "Not chosen yet"
        return f"Chosen by {count} registrant{'s' if count != 1 else ''}: it stays as it is."


@admin.register(Question)
class QuestionAdmin(EditionScoped, ChecksPrefilledValues, admin.ModelAdmin):
    list_display = ["label", "edition", "kind", "required", "is_asked", "order", "answer_count"]
    list_display_links = ["label"]
    list_editable = ["order"]
    list_filter = [("edition", admin.RelatedOnlyFieldListFilter), "kind", "is_asked"]
    list_select_related = ["edition"]
    search_fields = ["label"]
    fields = ["edition", "label", "kind", "help_text", "required", "is_asked", "order", "answered"]
    inlines = [ChoiceInline]

    def get_queryset(self, request):
        # EditionScoped keeps a host team to its own editions' questions.
        return super().get_queryset(request).annotate(answer_count=Count("answers"))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "edition":
            kwargs["queryset"] = self.managed_editions(request).order_by("-start_date")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_fields(self, request, obj=None):
        return self.fields if obj else [f for f in self.fields if f != "answered"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        # A question stays with its edition; once answered, its kind stays too.
        return ["edition", "answered", *(["kind"] if obj.is_answered else [])]

    @admin.display(description="Answers", ordering="answer_count")
    def answer_count(self, obj):
        return obj.answer_count

    @admin.display(description="Answers")
    def answered(self, obj):
        count = obj.answers.count()
        if not count:
            return "None yet: everything about the question can change."
        url = reverse("admin:registrations_registration_changelist") + f"?edition__id__exact={obj.edition_id}"
        return format_html('{} answers. {} <a href="{}">See the registrations</a>', count, ANSWERED_NOTE, url)

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        if protected:
            # Django would list every answer; what the organiser needs is which question and what to do.
            answered = Question.objects.filter(pk__in=[q.pk for q in objs]).with_answer_counts()
            protected = [
                f"“{q.label}” has {q.answer_count} answers from registrants: it cannot be deleted. "
                "Untick “Asked on the form” to stop asking it; its answers stay with their registrations."
                for q in answered
                if q.answer_count
            ]
        return deleted, counts, perms_needed, protected
