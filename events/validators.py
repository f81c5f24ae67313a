import re
from urllib.parse import urlsplit

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


def http_url(value):
    """The URL if it is http(s), else "".

    URL fields are validated in forms, but data can arrive in other ways
    (fixtures, the shell, a restored backup); a javascript: link must never
    reach a page or a calendar.
    """
    value = str(value or "").strip()
    return value if urlsplit(value).scheme.lower() in {"http", "https"} else ""
