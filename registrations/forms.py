from django import forms
from django.utils.text import get_text_list
from django_countries import countries

from common.forms import ConsentForm
from events.models import OrganisationKind

from . import answers
from .country_select import CountrySelect, every_country
from .models import REGISTRANT_KINDS, Question, Registration

# The edition's eligibility rule (its registration group of countries), in one place for every form
# that registers someone: this one, and attendance's walk-ins at the door.


def offer_eligible_countries(field, edition):
    """Limits a CountrySelect field's list to the edition's group, and says so under it."""
    group = edition.registration_group
    if group:
        field.widget.codes = frozenset(country.code for country in group.countries)
        field.help_text = f"The list holds only the {group.name}."


def eligible_country(edition, country):
    """`country` (a code) if the edition admits it; else the reason, as a ValidationError."""
    group = edition.registration_group
    if group and not group.admits(country):
        raise forms.ValidationError(
            f"This edition is open to participants from the {group.name} only, "
            f"so we cannot register you from {dict(countries)[country]}. Nothing has been stored."
        )
    return country


class RegistrationForm(ConsentForm, forms.ModelForm):
    """Only what the organisers need, their own questions, a consent box and a honeypot (common.forms)."""

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
        # The edition's questions come after the person's details and before the consent box; set
        # before the form copies its fields, so that PublicForm draws each with its widget's template.
        self.questions = list(Question.objects.filter(edition=edition).asked())
        self.base_fields = _with_questions(self.base_fields, self.questions)
        super().__init__(*args, **kwargs)
        self.edition = edition
        offer_eligible_countries(self.fields["country"], edition)

    @property
    def eligibility(self):
        """Who may register, in words: the group's name and its countries, by name ("" if anyone may)."""
        group = self.edition.registration_group
        if not group:
            return ""
        names = sorted(country.name for country in group.countries)
        return f"Open to participants from the {group.name}: {get_text_list(names, 'and')}."

    def clean_country(self):
        return eligible_country(self.edition, self.cleaned_data["country"])

    def answers(self):
        """What the registrant answered, for flow.request_place (questions left blank are left out)."""
        given = (answers.given(q, self.cleaned_data.get(answers.field_name(q))) for q in self.questions)
        return [answer for answer in given if answer is not None]

    def validate_unique(self):
        # The same address twice is answered by the view (a friendly note, no second row).
        pass


def _with_questions(fields, questions):
    """The form's fields with a field per question inserted before the consent box."""
    fields = dict(fields)
    consent = fields.pop("consent")
    website = fields.pop("website")
    for question in questions:
        fields[answers.field_name(question)] = answers.form_field(question)
    return {**fields, "consent": consent, "website": website}
