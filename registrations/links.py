"""Signed links in e-mails (registrations, applications, alerts): the row a token names."""

from django.core import signing


def row_from_token(queryset, token, *, salt, max_age=None, timed=True):
    """The row whose key `token` signs, or None when it is forged, altered or (if timed) too old."""
    signer = signing.TimestampSigner(salt=salt) if timed else signing.Signer(salt=salt)
    try:
        pk = signer.unsign(token, max_age=max_age) if timed else signer.unsign(token)
    except signing.BadSignature:
        return None
    return queryset.filter(pk=pk).first()
