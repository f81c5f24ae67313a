"""Requests per client address and per e-mail address, counted in the cache for an hour.

The address is REMOTE_ADDR, the real client's (cmr_site.middleware sets it from the proxy).
"""

from django.conf import settings
from django.core.cache import cache
from django.utils.timezone import now as utc_now

WINDOW = 3600


def _count(key):
    hour = int(utc_now().timestamp()) // WINDOW
    key = f"registrations:limit:{key}:{hour}"
    cache.add(key, 0, WINDOW)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW)
        return 1


def seconds_to_next_window():
    return WINDOW - int(utc_now().timestamp()) % WINDOW


def address_over_limit(request):
    return _count(f"addr:{request.META.get('REMOTE_ADDR', '')}") > settings.REGISTRATION_LIMIT_PER_ADDRESS


def email_over_limit(email):
    return _count(f"email:{email}") > settings.REGISTRATION_LIMIT_PER_EMAIL
