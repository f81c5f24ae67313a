from django import forms
from django_countries import countries

from .models import Series


class ArchiveFilterForm(forms.Form):
    """Filters of the past-editions archive; choices are those the archive holds."""

    year = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)
    country = forms.ChoiceField(required=False)
    series = forms.ChoiceField(required=False)

    # Every query parameter the archive page reads; the page cache drops any other.
    QUERY_PARAMS = ("year", "country", "series", "page")

    def __init__(self, data, *, past_editions):
        super().__init__(data)
        years = [d.year for d in past_editions.dates("start_date", "year", order="DESC")]
        codes = set(past_editions.exclude(country="").values_list("country", flat=True).distinct())
        series = Series.objects.filter(editions__in=past_editions).distinct()
        self.fields["year"].choices = [("", "Any year")] + [(y, str(y)) for y in years]
        self.fields["country"].choices = [("", "Any country")] + [
            (code, name) for code, name in countries if code in codes
        ]
        self.fields["series"].choices = [("", "Any series")] + [(s.slug, s.name) for s in series]

    def filter(self, editions):
        data = self.cleaned_data
        if data.get("year"):
            editions = editions.filter(start_date__year=data["year"])
        if data.get("country"):
            editions = editions.filter(country=data["country"])
        if data.get("series"):
            editions = editions.filter(series__slug=data["series"])
        return editions

    @property
    def is_filtered(self):
        return self.is_valid() and any(self.cleaned_data.values())
