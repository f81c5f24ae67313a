from django import forms
from django.utils.text import get_text_list
from django_countries import countries

from common.forms import ConsentForm
from events.models import OrganisationKind

from .country_select import CountrySelect, every_country
from .models import REGISTRANT_KINDS, Registration


class RegistrationForm(ConsentForm, forms.ModelForm):
    """Only what the organisers need, a consent box and a honeypot (common.forms)."""

    consent_purpose = "run this registration"

    # Validated against every country, so that one outside the edition's group
    # gets clean_country()'s reason rather than "not a valid choice".
    country = forms.ChoiceField(choices=every_country, widget=CountrySelect)
    kind = forms.ChoiceField(
        label="Kind of organisation",
        choices=OrganisationKind.subset(REGISTRANT_KINDS),
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Registration
        fields = ["name", "email", "organisation", "country", "kind"]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
        }

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.edition = edition
        group = edition.registration_group
        if group:
            self.fields["country"].widget.codes = frozenset(country.code for country in group.countries)
            self.fields["country"].help_text = f"The list holds only the {group.name}."

    @property
    def eligibility(self):
        """Who may register, in words: the group's name and its countries, by name ("" if anyone may)."""
        group = self.edition.registration_group
        if not group:
            return ""
        names = sorted(country.name for country in group.countries)
        return f"Open to participants from the {group.name}: {get_text_list(names, 'and')}."

    def clean_country(self):
        country = self.cleaned_data["country"]
        group = self.edition.registration_group
        if group and not group.admits(country):
            raise forms.ValidationError(
                f"This edition is open to participants from the {group.name} only, "
                f"so we cannot register you from {dict(countries)[country]}. Nothing has been stored."
            )
        return country

    def validate_unique(self):
        # The same address twice is answered by the view (a friendly note, no second row).
        pass
