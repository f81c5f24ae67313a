"""Signed links in e-mails (registrations, applications, alerts): the row a token names.

A link signs the row's random `link_key`, never its primary key: a key is not reused when a
backup is restored and new rows take the old numbers, so a link can only ever open its own row.
"""

import secrets

from django.core import signing


def new_link_key():
    """32 URL-safe characters: 192 random bits, unique per row (the column says so too)."""
    return secrets.token_urlsafe(24)


def sign(key, *, salt, timed=True):
    signer = signing.TimestampSigner(salt=salt) if timed else signing.Signer(salt=salt)
    return signer.sign(key)


def is_genuine(token, *, salt):
    """Whether an untimed link was signed by this site: its row may since have been deleted."""
    try:
        signing.Signer(salt=salt).unsign(token)
    except signing.BadSignature:
        return False
    return True


def row_from_token(queryset, token, *, salt, max_age=None, timed=True):
    """The row whose link key `token` signs, or None when it is forged, altered or (if timed) too old."""
    signer = signing.TimestampSigner(salt=salt) if timed else signing.Signer(salt=salt)
    try:
        key = signer.unsign(token, max_age=max_age) if timed else signer.unsign(token)
    except signing.BadSignature:
        return None
    return queryset.filter(link_key=key).first()
