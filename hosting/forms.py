import datetime

from django import forms
from django.conf import settings
from django.utils.timezone import localdate
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from common.forms import ConsentForm
from events.models import OrganisationKind, Theme

from .models import APPLICANT_KINDS, Application

# A date in a text box, written the European way: a browser's own date box shows the order of
# its user's settings, mm/dd/yyyy in many, which reads as another day here. ISO dates still pass.
DAY_MONTH_YEAR = "%d/%m/%Y"
DATE_INPUTS = [DAY_MONTH_YEAR, "%d.%m.%Y", "%d-%m-%Y", "%Y-%m-%d"]


class ApplicationForm(ConsentForm, forms.ModelForm):
    """The application to host, a consent box and a honeypot (common.forms)."""

    consent_purpose = "review this application"
    sections = (
        ("Your organisation", ["organisation", "kind", "region", "country"]),
        ("The contact person", ["contact_name", "email"]),
        ("The edition you propose", ["proposed_start", "proposed_end", "city", "themes"]),
        ("Why your region", ["motivation", "partners"]),
        ("Support letter", ["support_letter"]),
    )
    numbered_sections = True

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
            "proposed_start": forms.DateInput(format=DAY_MONTH_YEAR, attrs={"class": "input-date"}),
            "proposed_end": forms.DateInput(format=DAY_MONTH_YEAR, attrs={"class": "input-date"}),
            "support_letter": forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
        }
        help_texts = {
            "email": "We write to this address about the application, starting with a link to confirm it.",
            "themes": "The themes your region would put at the heart of the edition, if any.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        example = datetime.date(localdate().year + 1, 10, 14).strftime(DAY_MONTH_YEAR)
        for name in ("proposed_start", "proposed_end"):
            field = self.fields[name]
            field.input_formats = DATE_INPUTS
            field.help_text = f"Day, month and year, for example {example}."
            field.error_messages["invalid"] = f"Write the date as day, month and year, for example {example}."
        self.fields["support_letter"].help_text = (
            "The support letter the call asks for, as a PDF of up to "
            f"{settings.MAX_UPLOAD_SIZE // (1024 * 1024)} MB. If the form comes back with something to "
            "correct, choose the file again."
        )

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
