"""django-axes hooks: the client's address, the limit that applies to a login, the lock-out page.

axes counts two things per failed login (AXES_LOCKOUT_PARAMETERS): failures of
this username from this address, and failures from this address over all
usernames. It compares the larger count with one limit, the one
`failure_limit` returns; returning the limit of whichever count decides gives
each count its own limit.
"""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username, get_cool_off
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render


def client_address(request):
    """REMOTE_ADDR, which ProxiedClientAddressMiddleware has made the real client's."""
    return request.META.get("REMOTE_ADDR")


def _username_locked(request, credentials):
    # The first lockout parameter is ["username", "ip_address"]; axes' handler
    # counts only the attempts within the cool-off period.
    attempts = AxesProxyHandler.get_implementation().get_user_attempts(request, credentials)[0]
    failures = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
    return failures >= settings.LOCKOUT_USERNAME_LIMIT


def failure_limit(request, credentials=None):
    """LOCKOUT_USERNAME_LIMIT once this username has reached it from this address,
    else the address's own, higher LOCKOUT_ADDRESS_LIMIT."""
    if _username_locked(request, credentials):
        return settings.LOCKOUT_USERNAME_LIMIT
    return settings.LOCKOUT_ADDRESS_LIMIT


def lockout_response(request, original_response=None, credentials=None):
    """429, saying whether the username or the whole address is locked and when to retry."""
    cool_off = get_cool_off(request)
    username_locked = _username_locked(request, credentials)
    context = {
        "username": get_client_username(request, credentials) or "",
        "username_locked": username_locked,
        "failure_limit": failure_limit(request, credentials),
        "cooloff_minutes": round(cool_off.total_seconds() / 60),
    }
    status = settings.AXES_HTTP_RESPONSE_CODE
    response = render(request, settings.AXES_LOCKOUT_TEMPLATE, context, status=status)
    response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
