from django import forms

from common.addresses import normalise_email
from events.models import OrganisationKind
from registrations.country_select import CountrySelect, every_country
from registrations.forms import eligible_country, offer_eligible_countries
from registrations.models import REGISTRANT_KINDS, Registration


class WalkInForm(forms.ModelForm):
    """Someone at the door without a registration: the register form's details and its eligibility
    rule, without its questions and consent box (the organisers type it in, and the person is there
    to be asked)."""

    country = forms.ChoiceField(choices=every_country, widget=CountrySelect)
    # A blank first choice: a default kind would be recorded for whoever the organiser forgot to ask.
    kind = forms.ChoiceField(
        label="Kind of organisation",
        choices=[("", "Choose a kind"), *OrganisationKind.subset(REGISTRANT_KINDS)],
    )

    class Meta:
        model = Registration
        fields = ["name", "email", "organisation", "country", "kind"]

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, prefix="walk_in", **kwargs)
        self.edition = edition
        offer_eligible_countries(self.fields["country"], edition)
        for field in self.fields.values():
            field.widget.attrs["autocomplete"] = "off"

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])

    def clean_country(self):
        return eligible_country(self.edition, self.cleaned_data["country"])

    def validate_unique(self):
        # An address already registered is answered by the page: check that person in instead.
        pass
