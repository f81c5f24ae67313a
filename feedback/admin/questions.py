"""A survey's questions: their own admin with the choices inline, as the registration form's are
(registrations.admin.questions, whose choice inline and rules they share)."""

from django.contrib import admin
from django.db.models import Count

from events.admin.base import ChecksPrefilledValues, EditionScoped
from registrations.admin.questions import ChoiceForm, ChoiceInline

from ..models import Survey, SurveyChoice, SurveyQuestion


class SurveyChoiceForm(ChoiceForm):
    class Meta(ChoiceForm.Meta):
        model = SurveyChoice


class SurveyChoiceInline(ChoiceInline):
    model = SurveyChoice
    form = SurveyChoiceForm


@admin.register(SurveyQuestion)
class SurveyQuestionAdmin(EditionScoped, ChecksPrefilledValues, admin.ModelAdmin):
    edition_path = "survey__edition"
    list_display = ["label", "survey", "kind", "required", "order", "answer_count"]
    list_display_links = ["label"]
    list_editable = ["order"]
    list_filter = [("survey", admin.RelatedOnlyFieldListFilter), "kind"]
    list_select_related = ["survey__edition"]
    search_fields = ["label"]
    fields = ["survey", "label", "kind", "help_text", "required", "order"]
    inlines = [SurveyChoiceInline]

    def get_queryset(self, request):
        # EditionScoped keeps a host team to its own edition's survey.
        return super().get_queryset(request).annotate(answer_count=Count("answers"))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "survey":
            kwargs["queryset"] = Survey.objects.filter(edition__in=self.managed_editions(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        # A question stays with its survey; once answered, its kind stays too (FixedOnceAnswered).
        return ["survey", *(["kind"] if obj.is_answered else [])]

    @admin.display(description="Answers", ordering="answer_count")
    def answer_count(self, obj):
        return obj.answer_count
