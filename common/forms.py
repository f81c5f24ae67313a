"""What every public form that leads to an e-mail shares: the honeypot, the address as stored, the
consent box, and how its fields are drawn (registration, an application to host, e-mail alerts)."""

from dataclasses import dataclass

from django import forms
from django.urls import reverse
from django.utils.html import format_html, strip_tags

from .addresses import normalise_email

FIELD = "includes/fields/field.html"
# Radio buttons and check boxes of several choices: a fieldset with the label as its legend.
FIELDSET = "includes/fields/fieldset.html"
# One check box: the box, then its label.
CHECKBOX = "includes/fields/checkbox.html"


@dataclass(frozen=True)
class Part:
    """One section of a long form: its title ("" for the fields after the last section, which have
    no heading), its number of `total` when the form counts its parts, and its bound fields."""

    title: str
    fields: list
    number: int = 0
    total: int = 0

    @property
    def heading_id(self):
        return f"part-{self.number}" if self.number else f"part-{self.title.lower().replace(' ', '-')}"


@dataclass(frozen=True)
class SummaryError:
    """One line of the error summary: the message, and the id of the control it leads to ("" for
    an error about the whole form)."""

    text: str
    target: str = ""


class PublicForm(forms.Form):
    """`website` is the honeypot: hidden from people (CSS and aria-hidden) and left empty by them;
    bots fill it. `{{ form }}` draws the error summary (when the form was sent with errors), the
    fields, each with the template its widget needs, then the honeypot; a form without one sets
    `website = None`. A field's `summary_label` names it in the summary where its label is too long.
    """

    template_name = "includes/_form.html"
    website = forms.CharField(required=False, label="Leave this empty")
    # A long form in sections, each (title, field names) in the form's order (a title "" draws no
    # heading); the fields in none (the consent box) follow the last. `numbered_sections`: headed
    # "Part 2 of 5", for a sense of how far one has come in a form too long to see at once.
    sections = ()
    numbered_sections = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                field.template_name = FIELDSET
            elif isinstance(field.widget, forms.CheckboxInput):
                field.template_name = CHECKBOX
            else:
                field.template_name = FIELD
        if "website" in self.fields:
            self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    @property
    def is_bot(self):
        return bool(self.data.get("website"))

    def honeypot(self):
        return self["website"] if "website" in self.fields else None

    def shown_fields(self):
        return [field for field in self if field.name != "website"]

    def parts(self):
        """The shown fields as the template draws them: by section, then those in none."""
        by_name = {field.name: field for field in self.shown_fields()}
        total = len(self.sections) if self.numbered_sections else 0
        parts = []
        for number, (title, names) in enumerate(self.sections, start=1):
            fields = [by_name.pop(name) for name in names if name in by_name]
            if fields:  # A part whose fields this form leaves out (alerts' address, once signed up).
                parts.append(Part(title, fields, number if total else 0, total))
        rest = list(by_name.values())
        return parts + [Part("", rest)] if rest else parts

    def error_summary(self):
        """Every error, the form's first, then the fields' in their order, each leading to its control.

        A visitor on a phone sees only the top of the page after sending it: the summary there
        says what is wrong and links to each place (as GOV.UK's error summary does).
        """
        lines = [SummaryError(str(error)) for error in self.non_field_errors()]
        for field in (field for part in self.parts() for field in part.fields):
            # A group of radio buttons or boxes is reached through its first one.
            target = f"{field.auto_id}_0" if field.use_fieldset else field.id_for_label
            name = getattr(field.field, "summary_label", "") or strip_tags(str(field.label))
            lines += [SummaryError(f"{name}: {error}", target) for error in field.errors]
        return lines

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])


class ConsentForm(PublicForm):
    """A public form that stores a person's details: they agree to what for (`consent_purpose`)."""

    consent_purpose = ""
    consent = forms.BooleanField(
        required=True,
        error_messages={"required": "Please tick the box: we cannot keep your details without it."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = format_html(
            "I agree that the organisers keep these details to {}, as the "
            '<a href="{}">privacy notice</a> explains.',
            self.consent_purpose,
            reverse("events:privacy"),
        )
        self.fields["consent"].summary_label = "Agreement to the privacy notice"
