import datetime

from django import forms
from django.utils.timezone import localdate
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from common.forms import ConsentForm
from events.models import OrganisationKind, Theme

from .models import APPLICANT_KINDS, Application


class ApplicationForm(ConsentForm, forms.ModelForm):
    """The application to host, a consent box and a honeypot (common.forms)."""

    consent_purpose = "review this application"

    kind = forms.ChoiceField(
        label="Kind of organisation",
        choices=OrganisationKind.subset(APPLICANT_KINDS),
        widget=forms.RadioSelect,
    )
    country = LazyTypedChoiceField(choices=[("", "Choose the country")] + list(countries))
    themes = forms.ModelMultipleChoiceField(
        queryset=Theme.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Application
        fields = [
            "organisation",
            "kind",
            "region",
            "country",
            "contact_name",
            "email",
            "proposed_start",
            "proposed_end",
            "city",
            "themes",
            "motivation",
            "partners",
            "support_letter",
        ]
        widgets = {
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "proposed_start": forms.DateInput(attrs={"type": "date"}),
            "proposed_end": forms.DateInput(attrs={"type": "date"}),
            "support_letter": forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
        }

    def clean_proposed_start(self):
        return _in_window(self.cleaned_data["proposed_start"])

    def clean_proposed_end(self):
        return _in_window(self.cleaned_data["proposed_end"])


# Hosting is planned a year or a few ahead; a date outside this window is a typing slip
# ("0202", "20255"), and Accept would turn it into a draft edition with that date.
YEARS_AHEAD = 10


def _in_window(day):
    this_year = localdate().year
    earliest, latest = datetime.date(this_year, 1, 1), datetime.date(this_year + YEARS_AHEAD, 12, 31)
    if not earliest <= day <= latest:
        raise forms.ValidationError(f"Propose a date from {earliest.year} to {latest.year}.")
    return day
