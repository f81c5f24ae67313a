"""What the edition list in the admin shows and filters by, short enough for one line a column."""

from django.contrib import admin
from django.db.models.functions import ExtractYear
from django.utils.html import format_html
from django_countries import countries

from common.text import fold

from .base import whole_number


def short_date_range(start, end):
    """26–27 Mar 2024; 30 Nov – 1 Dec 2024; 30 Dec 2024 – 2 Jan 2025; 27 Nov 2024.

    The public pages' date_range (events/templatetags/editions.py), with the
    month abbreviated as en-GB does in the admin's other dates.
    """
    if start == end:
        return f"{start.day} {start:%b %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%b %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%b} – {end.day} {end:%b %Y}"
    return f"{start.day} {start:%b %Y} – {end.day} {end:%b %Y}"


def status_badge(edition):
    """The status as a short coloured label (static/css/admin.css), its word always shown."""
    return format_html(
        '<span class="status-badge status-{}">{}</span>', edition.status, edition.get_status_display()
    )


class CountryFilter(admin.SimpleListFilter):
    """Only the countries some edition is in, not django-countries' 250."""

    title = "country"
    parameter_name = "country"

    def lookups(self, request, model_admin):
        codes = (
            model_admin.get_queryset(request)
            .exclude(country="")
            .values_list("country", flat=True)
            .distinct()
            .order_by()
        )
        return sorted(((code, countries.name(code)) for code in codes), key=lambda lookup: fold(lookup[1]))

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(country=self.value())
        return queryset


class YearFilter(admin.SimpleListFilter):
    """The years editions started in, newest first."""

    title = "year"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = (
            model_admin.get_queryset(request)
            .annotate(year=ExtractYear("start_date"))
            .values_list("year", flat=True)
            .distinct()
            .order_by("-year")
        )
        return [(str(year), str(year)) for year in years]

    def queryset(self, request, queryset):
        year = whole_number(self.value(), digits=4)
        return queryset if year is None else queryset.filter(start_date__year=year)
