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

import hashlib
import time
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, QueryDict
from django.utils import timezone
from django.utils.http import http_date, quote_etag

from .models import ContentRevision, new_token

TIME_BUCKET_SECONDS = 300


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
    """Serves a public GET from the cache, for visitors without a session.

    `query_params` names the query parameters the view reads; any other is
    dropped. Staff (who have a session cookie) always get a fresh page, since
    they may be previewing drafts. Only complete 200 answers are kept.
    """
    params = frozenset(query_params)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.GET:
            request.GET = _known_query(request.GET, params)
        if request.method not in ("GET", "HEAD") or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return view(request, *args, **kwargs)
        bucket = int(time.time()) // TIME_BUCKET_SECONDS
        url = request.path + "?" + request.GET.urlencode()
        key = f"page:{current_token()}:{bucket}:{hashlib.sha256(url.encode()).hexdigest()}"
        entry = cache.get(key)
        if entry is not None:
            content, headers = entry
            response = HttpResponse(content, headers=headers)
            response["X-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()  # a TemplateResponse (the sitemap) renders late otherwise
        if response.status_code != 200 or response.streaming or response.cookies:
            return response
        if not response.has_header("ETag"):
            # Of the address and the body: two feeds that happen to hold the same
            # events are still two resources, and never validate each other.
            digest = hashlib.md5(url.encode() + response.content, usedforsecurity=False).hexdigest()
            response["ETag"] = quote_etag(digest)
        # The time of rendering: the content cannot have changed later than that.
        response.setdefault("Last-Modified", http_date())
        # Browsers and proxies may keep the page but must ask again (a cheap 304).
        response.setdefault("Cache-Control", "no-cache")
        cache.set(key, (response.content, dict(response.items())), settings.PAGE_CACHE_SECONDS)
        response["X-Cache"] = "miss"
        return response

    return wrapper
