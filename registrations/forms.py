from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django_countries import countries

from common.addresses import normalise_email
from events.models import OrganisationKind

from .country_select import CountrySelect, every_country
from .models import REGISTRANT_KINDS, Registration


class RegistrationForm(forms.ModelForm):
    """Only what the organisers need, a consent box and a honeypot.

    `website` is hidden from people (CSS and aria-hidden) and left empty by them; bots fill it.
    """

    # Validated against every country, so that one outside the edition's group
    # gets clean_country()'s reason rather than "not a valid choice".
    country = forms.ChoiceField(choices=every_country, widget=CountrySelect)
    kind = forms.ChoiceField(
        label="Kind of organisation",
        choices=OrganisationKind.subset(REGISTRANT_KINDS),
        widget=forms.RadioSelect,
    )
    consent = forms.BooleanField(required=True)
    website = forms.CharField(required=False, label="Leave this empty")

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
        self.fields["consent"].label = format_html(
            "I agree that the organisers keep these details to run this registration, as the "
            '<a href="{}">privacy notice</a> explains.',
            reverse("events:privacy"),
        )
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    @property
    def is_bot(self):
        return bool(self.data.get("website"))

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])

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
