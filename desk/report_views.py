"""The organisers' report in the admin (desk/report.py): the page, with a chart beside each table,
and each table as CSV at its own address with the same query string."""

import csv

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse

from common.text import spreadsheet_safe
from events.models import Series
from events.roles import is_organiser

from . import report, report_charts


class ReportForm(forms.Form):
    start = forms.DateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    series = forms.ModelChoiceField(
        Series.objects.order_by("order", "name"), required=False, empty_label="Every series"
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            raise ValidationError("The period's first day comes after its last.")
        return cleaned

    def editions(self, user):
        return report.scope(user, **self.cleaned_data)


def _chosen(request):
    """The form bound to the query string (an empty one chooses everything), and the editions, or
    None while the form has errors."""
    form = ReportForm(request.GET)
    return form, (form.editions(request.user) if form.is_valid() else None)


def report_page(request):
    form, editions = _chosen(request)
    context = {
        **admin.site.each_context(request),
        "title": "The series in figures",
        "form": form,
        "sees_all": is_organiser(request.user),
    }
    if editions is None:
        return TemplateResponse(request, "desk/report.html", context, status=400)
    figures = report.build(editions)
    charts = {
        "by_status": report_charts.bars(figures.by_status, 1),
        "attendance": report_charts.bars(figures.attendance, 5, scale_max=100),
        "by_country": report_charts.shaded_map(figures.by_country),
        "by_kind": report_charts.bars(figures.by_kind, 1),
        "satisfaction": report_charts.bars(figures.satisfaction, 3, scale_max=5),
    }
    query = request.GET.urlencode()
    context.update(report=figures, charts=charts, query=query)
    return TemplateResponse(request, "desk/report.html", context)


def report_csv(request, table):
    if table not in report.TABLE_SLUGS:
        raise Http404("No such table.")
    form, editions = _chosen(request)
    if editions is None:
        reasons = " ".join(error for errors in form.errors.values() for error in errors)
        message = f"The period or series is not one the report can use. {reasons}"
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    chosen = report.build(editions).table(table)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="report-{table}.csv"'
    # The byte order mark is how Excel knows the file is UTF-8.
    response.write("\ufeff")
    writer = csv.writer(response, lineterminator="\r\n")
    writer.writerow(chosen.headings)
    writer.writerows(map(spreadsheet_safe, row) for row in chosen.rows)
    return response
