"""An edition's survey: its introduction and closing day, its questions, and its results (counts,
the average, the free-text answers without names) with a CSV of the answers."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import ngettext

from events.admin.base import ChecksPrefilledValues, EditionScoped

from ..models import Survey, SurveyQuestion
from ..results import results, write_csv


def questions_summary(survey):
    """The survey's questions in a line, with links to edit them and to add one."""
    if survey.pk is None:
        return (
            "Save the survey first, then add its questions. The overall rating from 1 to 5 is always asked."
        )
    questions = list(SurveyQuestion.objects.filter(survey=survey).order_by("order", "pk"))
    listed = reverse("admin:feedback_surveyquestion_changelist") + f"?survey__id__exact={survey.pk}"
    add = reverse("admin:feedback_surveyquestion_add") + f"?survey={survey.pk}"
    names = format_html_join(", ", "“{}”", ((q.label,) for q in questions))
    return format_html(
        "The overall rating from 1 to 5{}{}. "
        '<a href="{}">Edit the questions</a> · <a href="{}">Add a question</a>',
        ", then " if questions else "",
        names,
        listed,
        add,
    )


@admin.register(Survey)
class SurveyAdmin(EditionScoped, ChecksPrefilledValues, admin.ModelAdmin):
    list_display = ["edition", "closes_on", "responses", "results_link"]
    list_select_related = ["edition"]
    search_fields = ["edition__title"]
    fields = ["edition", "intro", "closes_on", "questions", "results_link"]
    readonly_fields = ["questions", "results_link"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(response_count=Count("responses"))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "edition":
            kwargs["queryset"] = self.managed_editions(request).order_by("-start_date")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        # A survey stays with its edition: its answers are that edition's attendees'.
        return [*self.readonly_fields, "edition"] if obj else self.readonly_fields

    @admin.display(description="Responses", ordering="response_count")
    def responses(self, obj):
        return obj.response_count

    @admin.display(description="Questions")
    def questions(self, obj):
        return questions_summary(obj)

    @admin.display(description="Results")
    def results_link(self, obj):
        if obj.pk is None:
            return "—"
        url = reverse("admin:feedback_survey_results", args=[obj.pk])
        return format_html(
            '<a href="{}">See the results<span class="visually-hidden">: {}</span></a>', url, obj
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/results/", view(self.results_view), name="feedback_survey_results"),
            path("<path:object_id>/results.csv", view(self.csv_view), name="feedback_survey_csv"),
            *super().get_urls(),
        ]

    def _viewable(self, request, object_id):
        survey = self.get_object(request, object_id)
        if survey is None:
            raise Http404
        if not self.has_view_permission(request, survey):
            raise PermissionDenied
        return survey

    def results_view(self, request, object_id):
        survey = self._viewable(request, object_id)
        found = results(survey)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Results: {survey.edition.title}",
            "original": survey,
            "results": found,
            "responses_text": ngettext("%d response", "%d responses", found.responses) % found.responses,
            "attendees_text": ngettext("%d attendee", "%d attendees", found.attendees) % found.attendees,
        }
        return TemplateResponse(request, "admin/feedback/survey/results.html", context)

    def csv_view(self, request, object_id):
        survey = self._viewable(request, object_id)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="feedback-{survey.edition.slug}.csv"'
        # The byte order mark is how Excel knows the file is UTF-8, as in the registrations' export.
        response.write("\ufeff")
        write_csv(survey, response)
        return response
