from django import forms
from django_countries import countries

from .models import EditionFormat, Host, Theme


class ArchiveFilterForm(forms.Form):
    """The archive's search and filters, also read by /editions.json and .csv.

    Choices are those the given editions hold, so a value that matches nothing
    the site could show is an error (400 with the reason), not an empty page.
    """

    q = forms.CharField(label="Search", required=False, max_length=200, strip=True)
    year = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)
    country = forms.ChoiceField(required=False)
    series = forms.ChoiceField(required=False)
    theme = forms.ChoiceField(required=False)
    format = forms.ChoiceField(required=False, choices=[("", "Any format"), *EditionFormat.choices])
    host = forms.ChoiceField(required=False)

    # Every query parameter the archive page reads; the page cache drops any other.
    QUERY_PARAMS = ("q", "year", "country", "series", "theme", "format", "host", "page")
    # The same, for the open data, which is not paginated.
    DATA_PARAMS = tuple(p for p in QUERY_PARAMS if p != "page")

    def __init__(self, data, *, editions):
        super().__init__(data)
        self.fields["q"].widget.input_type = "search"
        self.fields["q"].widget.attrs["placeholder"] = "A place, a theme, a name…"
        # Years, countries and series in one query: the archive's query count stays at its budget.
        rows = set(
            editions.order_by().values_list(
                "start_date__year", "country", "series__order", "series__slug", "series__name"
            )
        )
        codes = {country for _, country, *_ in rows if country}
        self.fields["year"].choices = [("", "Any year")] + [
            (y, str(y)) for y in sorted({year for year, *_ in rows}, reverse=True)
        ]
        self.fields["country"].choices = [("", "Any country")] + [
            (code, name) for code, name in countries if code in codes
        ]
        self.fields["series"].choices = [("", "Any series")] + [
            (slug, name) for _, slug, name in sorted({tuple(row[2:]) for row in rows})
        ]
        self.fields["theme"].choices = [("", "Any theme")] + [
            (t.slug, t.name) for t in Theme.objects.filter(editions__in=editions).distinct().order_by("name")
        ]
        self.fields["host"].choices = [("", "Any host")] + [
            (h.slug, h.name) for h in Host.objects.filter(editions__in=editions).distinct().order_by("name")
        ]

    def filter(self, editions):
        """The editions that match; a search orders them by rank (EditionQuerySet.search())."""
        data = self.cleaned_data
        if data.get("year"):
            editions = editions.filter(start_date__year=data["year"])
        if data.get("country"):
            editions = editions.filter(country=data["country"])
        if data.get("series"):
            editions = editions.filter(series__slug=data["series"])
        if data.get("theme"):
            editions = editions.filter(themes__slug=data["theme"])
        if data.get("format"):
            editions = editions.filter(format=data["format"])
        if data.get("host"):
            editions = editions.filter(edition_hosts__host__slug=data["host"])
        if data.get("q"):
            editions = editions.search(data["q"])
        return editions

    @property
    def is_filtered(self):
        """Narrowed by a filter other than the search."""
        return self.is_valid() and any(v for name, v in self.cleaned_data.items() if name != "q")

    @property
    def is_search(self):
        return self.is_valid() and bool(self.cleaned_data.get("q"))

    def error_text(self):
        """The reasons, one line per field, for a 400 answer."""
        return "; ".join(
            f"{self[name].label if name in self.fields else name}: {' '.join(errors)}"
            for name, errors in self.errors.items()
        )
