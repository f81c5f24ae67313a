"""Rendered public pages and feeds, cached and shared by every worker.

Every change of content (a save or delete of any model of this app, or of a
many-to-many link, from the admin or anywhere else) writes a new token to the
one ContentRevision row. Cached pages are keyed by that token, so the very
next request after an edit renders afresh, whichever gunicorn worker or app
server answers it; reading the token is one primary-key query per request,
and the only query a cached page costs. Keys also carry a five-minute time
bucket, because what is "upcoming" and whether registration is open change
with the clock, not with edits.

A cached entry keeps the headers conditional requests are answered from
(ETag, and Last-Modified: the time it was rendered), so ConditionalGetMiddleware turns a hit into a 304 at
no further cost, for pages and calendar feeds alike.
"""

import gzip
import hashlib
import threading
import time
from collections import OrderedDict
from functools import wraps
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, QueryDict
from django.urls import Resolver404, get_resolver
from django.utils import timezone
from django.utils.http import http_date, quote_etag
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from .models import ContentRevision, new_token

TIME_BUCKET_SECONDS = 300
# Smaller bodies gain too little from gzip to be worth a second copy.
GZIP_MIN_BYTES = 1024


def current_token():
    """The content revision's token; read on every cached request, so one plain primary-key query."""
    table = connection.ops.quote_name(ContentRevision._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {table} WHERE id = 1")  # noqa: S608 - no input
        row = cursor.fetchone()
    return row[0] if row else "none"


def bump_revision(sender, action="post_", **kwargs):
    if action.startswith("pre_"):
        return  # m2m_changed is sent before and after; once is enough

    updated = ContentRevision.objects.filter(pk=1).update(token=new_token(), changed_at=timezone.now())
    if not updated:
        ContentRevision.objects.update_or_create(pk=1, defaults={"token": new_token()})


def _is_content(model):
    return (
        model._meta.app_label == "events"
        and model._meta.model_name != "contentrevision"
        and not model._meta.model_name.startswith("historical")
    )


def connect_signals():
    """Called once from EventsConfig.ready()."""
    for model in apps.get_app_config("events").get_models(include_auto_created=True):
        if _is_content(model):
            post_save.connect(bump_revision, sender=model, dispatch_uid=f"revision-save-{model.__name__}")
            post_delete.connect(bump_revision, sender=model, dispatch_uid=f"revision-delete-{model.__name__}")
            m2m_changed.connect(bump_revision, sender=model, dispatch_uid=f"revision-m2m-{model.__name__}")


def _known_query(query, params):
    """The query string with only the parameters a page reads, in a stable order.

    Tracking tags (?utm_source=…, ?fbclid=…) and other junk neither reach the
    view nor make a new cache entry.
    """
    kept = QueryDict(mutable=True)
    for name in sorted(params & query.keys()):
        kept.setlist(name, query.getlist(name))
    kept._mutable = False
    return kept


def cached_page(view, *, query_params=()):
    """Marks a public view for the page cache; `query_params` are those it reads, any other is dropped."""

    @wraps(view)
    def page(request, *args, **kwargs):
        return view(request, *args, **kwargs)

    page.page_cache_params = frozenset(query_params)
    return page


def read_only(view):
    """GET and HEAD only: anything else is 405 with `Allow: GET, HEAD`.

    Exempt from CSRF checks, or CsrfViewMiddleware would refuse a POST with 403
    before require_safe could answer 405. That is safe because such a view never
    changes anything and answers only the safe methods, which CSRF never checks.
    """
    return csrf_exempt(require_safe(view))


def public(view, *, query_params=()):
    """Read-only (see read_only) and served from the page cache.

    `query_params` are the query parameters the view reads; the cache drops any other.
    """
    return cached_page(read_only(view), query_params=query_params)


class Entry:
    """A rendered page as the cache keeps it: the body, plain and gzipped, and the final headers."""

    __slots__ = ("content", "gzipped", "headers")

    @property
    def size(self):
        return len(self.content) + len(self.gzipped or b"")

    def __init__(self, response):
        self.content = response.content
        self.headers = dict(response.items())
        self.gzipped = None
        if len(self.content) >= GZIP_MIN_BYTES:
            # Compressed once here, not on every request by the proxy.
            self.gzipped = gzip.compress(self.content, compresslevel=6, mtime=0)
            self.headers["Vary"] = _vary(self.headers.get("Vary"))

    def response(self, request):
        headers = dict(self.headers)
        content = self.content
        if self.gzipped is not None and _accepts_gzip(request):
            content = self.gzipped
            headers["Content-Encoding"] = "gzip"
            headers["Content-Length"] = str(len(content))
            headers["ETag"] = "W/" + headers["ETag"]  # the same page, another encoding
        return HttpResponse(content, headers=headers)


def _signed_in(request):
    """Whether the request carries a real session of a signed-in user (staff may preview drafts).

    Reading the session costs a query, but only for requests with a session cookie:
    a made-up cookie gets the cached page like everyone else.
    """
    key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not key:
        return False
    return SESSION_KEY in import_module(settings.SESSION_ENGINE).SessionStore(key)


def _vary(existing):
    return f"{existing}, Accept-Encoding" if existing else "Accept-Encoding"


def _accepts_gzip(request):
    """Whether Accept-Encoding names gzip (or *) with a weight above zero."""
    for part in request.META.get("HTTP_ACCEPT_ENCODING", "").lower().split(","):
        coding, _, params = part.partition(";")
        if coding.strip() in ("gzip", "*"):
            weight = params.strip().removeprefix("q=")
            try:
                return not params.strip() or float(weight) > 0
            except ValueError:
                return False
    return False


class PageCacheMiddleware:
    """Serves the views marked by cached_page() from the cache, to visitors without a session.

    It sits near the top of the stack (below ConditionalGetMiddleware, which
    turns a hit into a 304), so a hit skips the middleware below it and the
    view: an entry keeps the final headers they set (CSP, X-Frame-Options,
    Content-Length). Staff (who have a session cookie) always get a fresh
    page, since they may be previewing drafts. Only complete 200 answers are
    kept.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        params = self._params(request)
        if params is None:
            return self.get_response(request)
        # A Host not in ALLOWED_HOSTS is refused (DisallowedHost: 400) before any cached page is
        # served: a hit skips CommonMiddleware, which would otherwise be the one to check it. The
        # host is not part of the key: pages are built on SITE_URL, never on the Host header, so
        # every allowed host (and any port) shares one entry, and no one can fill the cache with
        # copies by varying the port.
        request.get_host()
        if request.GET:
            request.GET = _known_query(request.GET, params)
        if request.method not in ("GET", "HEAD") or _signed_in(request):
            return self.get_response(request)
        try:
            token = current_token()
        except DatabaseError:
            return self.get_response(request)  # the view answers 503 (DatabaseUnavailableMiddleware)
        url = request.path + "?" + request.GET.urlencode()
        bucket = int(time.time()) // TIME_BUCKET_SECONDS
        key = f"page:{token}:{bucket}:{hashlib.sha256(url.encode()).hexdigest()}"
        entry = _local.get(key) or cache.get(key)
        if entry is not None:
            _remember(key, entry)
            response = entry.response(request)
            response["X-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if response.status_code != 200 or response.streaming or response.cookies:
            return response
        # Of the address and the body: two feeds that happen to hold the same
        # events are still two resources, and never validate each other.
        digest = hashlib.md5(url.encode() + response.content, usedforsecurity=False).hexdigest()
        response.setdefault("ETag", quote_etag(digest))
        # The time of rendering: the content cannot have changed later than that.
        response.setdefault("Last-Modified", http_date())
        # Browsers and proxies may keep the page but must ask again (a cheap 304).
        response.setdefault("Cache-Control", "no-cache")
        entry = Entry(response)
        cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
        _remember(key, entry)
        response = entry.response(request)
        response["X-Cache"] = "miss"
        return response

    @staticmethod
    def _params(request):
        """The query parameters of a cached view at this path, or None for any other path."""
        try:
            match = get_resolver().resolve(request.path_info)
        except Resolver404:
            return None
        return getattr(match.func, "page_cache_params", None)


# Entries this process served last, in front of the shared cache. They are
# keyed like it, by the content token read on every request, so they are never
# stale; they spare a cache round trip and unpickling a body. Bounded in bytes,
# since a feed of the whole archive is half a megabyte.
_local = OrderedDict()
_local_lock = threading.Lock()
LOCAL_BYTES = 16 * 1024 * 1024
_local_bytes = 0


def clear():
    """Empties the page cache, shared and local (tests and the benchmark's cold runs)."""
    global _local_bytes
    cache.clear()
    with _local_lock:
        _local.clear()
        _local_bytes = 0


def _remember(key, entry):
    global _local_bytes
    with _local_lock:
        if key in _local:
            _local.move_to_end(key)
            return
        _local[key] = entry
        _local_bytes += entry.size
        while _local_bytes > LOCAL_BYTES and len(_local) > 1:
            _local_bytes -= _local.popitem(last=False)[1].size
