"""E-mail addresses in one form, so one mailbox is one registrant, one applicant, one subscriber.

Every form that takes an address (registration, application to host, alerts) cleans it here,
after Django's EmailField has validated it.
"""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

# What the database column holds (EmailField's max_length); the ASCII form of an
# internationalised domain is longer than what was typed, so it is checked again after.
MAX_LENGTH = 254


def normalise_email(value):
    """The address trimmed and lower-cased, its domain in ASCII (IDNA, as Django validates it).

    "Ana@BÜCHER.example." and "ana@xn--bcher-kva.example" are the same mailbox, so they get the
    same form. Refused, with a message for the form: a domain that is an IP address ("[127.0.0.1]")
    or has no dot ("localhost"), neither of which reaches anyone's mailbox on the internet.
    """
    local, _, domain = value.strip().rpartition("@")
    if not local or not domain:
        raise ValidationError("Enter a valid e-mail address.", code="invalid")
    if domain.startswith("["):
        raise ValidationError("Enter an address with a domain name, not an IP address.", code="ip_literal")
    try:
        # The stdlib codec maps case, full-width letters and ideographic dots (IDNA 2003's
        # nameprep), so each spelling of a domain comes out as the same ASCII.
        domain = domain.rstrip(".").encode("idna").decode("ascii").lower()
    except UnicodeError as error:
        raise ValidationError("Enter a valid e-mail address.", code="invalid") from error
    if "." not in domain:
        raise ValidationError(
            "Enter an address with a full domain name, such as example.org.", code="dotless"
        )
    address = f"{local.lower()}@{domain}"
    if len(address) > MAX_LENGTH:
        raise ValidationError(f"An e-mail address has at most {MAX_LENGTH} characters.", code="too_long")
    # The ASCII form validated once more: nothing the mapping produced may slip through.
    validate_email(address)
    return address
