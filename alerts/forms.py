"""The sign-up form and the form to change one's choices."""

from django import forms
from django_countries import countries
from django_countries.fields import LazyTypedMultipleChoiceField

from common.forms import PublicForm
from events.models import Theme

from .models import Subscription

# The series meets in Europe: the countries people can follow are the continent's
# (the EU's 27, the EEA and Switzerland, the United Kingdom, the Western Balkans,
# Türkiye, Ukraine, Moldova, Georgia, Armenia), not the world's 250.
EUROPE = {
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
    "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO", "CH", "GB",
    "AL", "BA", "ME", "MK", "RS", "XK", "TR", "UA", "MD", "GE", "AM",
}  # fmt: skip


def european_countries():
    return [(code, name) for code, name in countries if code in EUROPE]


class SubscriptionForm(PublicForm, forms.ModelForm):
    countries = LazyTypedMultipleChoiceField(
        choices=european_countries,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Editions in these countries",
    )
    themes = forms.ModelMultipleChoiceField(
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Editions on these themes",
    )

    class Meta:
        model = Subscription
        fields = ["email", "every_edition", "countries", "themes", "calls_for_hosts"]
        widgets = {"email": forms.EmailInput(attrs={"autocomplete": "email"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["countries"].fieldset_class = "choice-columns"

    def clean(self):
        data = super().clean()
        if not (
            data.get("every_edition")
            or data.get("countries")
            or data.get("themes")
            or data.get("calls_for_hosts")
        ):
            raise forms.ValidationError("Choose at least one thing to hear about.")
        return data

    def validate_unique(self):
        # An address already signed up is answered by the view, without saying so.
        pass


class ChoicesForm(SubscriptionForm):
    """From the signed link in every alert: the choices, without the address or a honeypot."""

    website = None

    class Meta(SubscriptionForm.Meta):
        fields = ["every_edition", "countries", "themes", "calls_for_hosts"]
