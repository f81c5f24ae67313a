"""The sign-up form and the form to change one's choices."""

from django import forms
from django.utils.text import get_text_list
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

    # The address, untitled, then the choices under one heading: the two single boxes first, then
    # the two lists, so that they read as one list, not two boxes split around the countries.
    sections = (
        ("", ["email"]),
        ("What to hear about", ["every_edition", "calls_for_hosts", "countries", "themes"]),
    )

    class Meta:
        model = Subscription
        fields = ["email", "every_edition", "calls_for_hosts", "countries", "themes"]
        widgets = {"email": forms.EmailInput(attrs={"autocomplete": "email"})}
        labels = {
            "every_edition": "Every new edition",
            "calls_for_hosts": "Calls for hosts, when regions may apply to host an edition",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["countries"].fieldset_class = "choice-columns"
        # "Choose at least one" sits on the first box but is about the whole group.
        self.fields["every_edition"].summary_label = "What to hear about"
        if "email" in self.fields:
            self.fields["email"].help_text = "We send a link to confirm it before any alert."

    def clean(self):
        data = super().clean()
        if not (
            data.get("every_edition")
            or data.get("countries")
            or data.get("themes")
            or data.get("calls_for_hosts")
        ):
            # On the first box, so that the error summary leads to the choices.
            self.add_error("every_edition", "Choose at least one thing to hear about.")
        return data

    def choices_in_words(self):
        """What the sent form chose, one line per kind, for the page that answers it."""
        data = self.cleaned_data
        lines = []
        if data.get("every_edition"):
            lines.append("Every new edition")
        if data.get("countries"):
            names = sorted(dict(countries)[code] for code in data["countries"])
            lines.append("Editions in " + get_text_list(names, "and"))
        if data.get("themes"):
            lines.append("Editions on " + get_text_list([theme.name for theme in data["themes"]], "and"))
        if data.get("calls_for_hosts"):
            lines.append("Calls for hosts")
        return lines

    def validate_unique(self):
        # An address already signed up is answered by the view, without saying so.
        pass


class ChoicesForm(SubscriptionForm):
    """From the signed link in every alert: the choices, without the address or a honeypot."""

    website = None

    class Meta(SubscriptionForm.Meta):
        fields = ["every_edition", "calls_for_hosts", "countries", "themes"]
