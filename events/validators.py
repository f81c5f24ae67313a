import re

from django.core.exceptions import ValidationError

# Digits with the usual separators, an optional leading +; E.164 allows at
# most 15 digits, and no real number has fewer than 6.
_PHONE = re.compile(r"^\+?[0-9 ()./-]+$")


def validate_phone(value):
    digits = sum(ch.isdigit() for ch in value)
    if not _PHONE.match(value) or not 6 <= digits <= 15:
        raise ValidationError(
            "Enter a phone number with country code, e.g. +32 2 123 45 67.", code="invalid_phone"
        )
