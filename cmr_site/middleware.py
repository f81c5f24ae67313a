import ipaddress
import logging
import time
from urllib.parse import parse_qsl

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import InterfaceError, OperationalError
from django.shortcuts import render

logger = logging.getLogger("cmr_site.request")


class RequestLogMiddleware:
    """One log line per request, with the fields a log collector indexes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = round((time.perf_counter() - started) * 1000, 2)
        level = logging.ERROR if response.status_code >= 500 else logging.INFO
        logger.log(
            level,
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "query": _query_for_log(request)[:500],
                "status": response.status_code,
                "duration_ms": duration_ms,
                # CommonMiddleware has set it; reading .content would copy the body.
                "bytes": int(response.get("Content-Length", 0)) or None,
                "remote_addr": request.META.get("REMOTE_ADDR"),
                "user_agent": request.META.get("HTTP_USER_AGENT", "")[:300],
                "cache": response.get("X-Cache"),
            },
        )
        return response


def _query_for_log(request):
    """The query string as sent, but on the admin's pages only its parameter names.

    The admin's searches, filters and "next" links carry what organisers look for: a
    registrant's name, an organisation. Which parameters were used is enough to read a log.
    """
    query = request.META.get("QUERY_STRING", "")
    if not request.path_info.startswith("/" + settings.ADMIN_URL):
        return query
    return "&".join(f"{name}=<value>" for name, _ in parse_qsl(query, keep_blank_values=True))


class ProxiedClientAddressMiddleware:
    """REMOTE_ADDR becomes the client's address from X-Forwarded-For, but only on a
    request whose peer is the reverse proxy (settings.TRUSTED_PROXIES).

    gunicorn leaves REMOTE_ADDR as the proxy's address, so without this every
    visitor would share one address in the request log and in django-axes. A
    client's own X-Forwarded-For is never believed: nginx overwrites the header
    with the address it saw (deploy/nginx.conf), and a request that did not come
    through the proxy keeps its real peer address whatever it sends.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        try:
            self.proxies = [ipaddress.ip_network(proxy, strict=False) for proxy in settings.TRUSTED_PROXIES]
        except ValueError as error:
            message = f"FORWARDED_ALLOW_IPS must list addresses or networks: {error}"
            raise ImproperlyConfigured(message) from None

    def __call__(self, request):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded and self.proxies and self._from_proxy(request.META.get("REMOTE_ADDR", "")):
            # The right-most entry is the one our proxy wrote; anything left of it
            # came from further away (nginx overwrites, so there is only one).
            client = forwarded.rsplit(",", 1)[-1].strip()
            if _is_address(client):
                request.META["REMOTE_ADDR"] = client
        return self.get_response(request)

    def _from_proxy(self, peer):
        if not _is_address(peer):
            return False
        address = ipaddress.ip_address(peer)
        return any(address in network for network in self.proxies)


def _is_address(value):
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


class DatabaseUnavailableMiddleware:
    """A friendly 503 page, not a traceback, while the database cannot be reached.

    Persistent connections are health-checked (CONN_HEALTH_CHECKS), so the
    site recovers by itself on the first request after the database returns.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.error("Database unavailable: %s %s", request.method, request.path, exc_info=exception)
        response = render(request, "503.html", status=503)
        response["Retry-After"] = "30"
        response["Cache-Control"] = "no-store"
        return response
