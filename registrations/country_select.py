"""The register form's country list, rendered once per set of countries rather than on every request.

Django renders each <option> through a template: 250 of them were most of the
register page's 110–140 ms, and that page is busiest just as registration opens.
"""

import functools

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django_countries import countries

PLACEHOLDER = "Choose your country"


@functools.lru_cache(maxsize=64)
def _options(codes, language):
    """{code: (its <option>, the same selected)} for these codes (every country when None), by name.

    Keyed by the codes themselves, so a group edited in the admin simply gets a
    new entry; the language is in the key because the names are translated.
    """
    return {
        code: (
            format_html('<option value="{}">{}</option>', code, name),
            format_html('<option value="{}" selected>{}</option>', code, name),
        )
        for code, name in countries
        if codes is None or code in codes
    }


def every_country():
    """The choices the form validates against: a callable, so each form copies no 250-item list."""
    return [("", PLACEHOLDER), *countries]


class CountrySelect(forms.Select):
    """A <select> of the countries in `codes` (a frozenset; None offers them all) after a placeholder."""

    codes = None

    def render(self, name, value, attrs=None, renderer=None):
        options = _options(self.codes, get_language())
        return format_html(
            '<select name="{}"{}><option value="">{}</option>{}</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            PLACEHOLDER,
            # Each piece was built by format_html above.
            mark_safe(  # noqa: S308
                "".join(selected if code == value else plain for code, (plain, selected) in options.items())
            ),
        )
