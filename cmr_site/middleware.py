import logging
import time

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
                "query": request.META.get("QUERY_STRING", "")[:500],
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
