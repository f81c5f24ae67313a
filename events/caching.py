"""Rendered public pages and feeds, cached and shared by every worker.

Every change of content (a save or delete of any model of this app, or of a
many-to-many link, from the admin or anywhere else) writes a new token to the
one ContentRevision row. Cached pages are keyed by that token, so the very
next request after an edit renders afresh, whichever gunicorn worker or app
server answers it; reading the token is one primary-key query per request.
Keys also carry a five-minute time bucket, because what is "upcoming" and
whether registration is open change with the clock, not with edits.
"""

import hashlib
import time
from datetime import UTC, datetime
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date, quote_etag

from .models import ContentRevision, new_token

TIME_BUCKET_SECONDS = 300
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def current_revision():
    """(token, changed_at) of the content; read on every cached request, so in plain SQL."""
    table = connection.ops.quote_name(ContentRevision._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token, changed_at FROM {table} WHERE id = 1")  # noqa: S608 - no input
        row = cursor.fetchone()
    if row is None:
        return "none", EPOCH
    token, changed_at = row
    if isinstance(changed_at, str):  # SQLite hands back text
        changed_at = parse_datetime(changed_at)
    if timezone.is_naive(changed_at):
        changed_at = timezone.make_aware(changed_at, UTC)
    return token, changed_at


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


def cached_page(view):
    """Serves a public GET from the cache, for visitors without a session.

    Staff (who have a session cookie) always get a fresh page, since they may
    be previewing drafts. Only complete 200 answers are kept.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return view(request, *args, **kwargs)
        token, changed_at = current_revision()
        bucket = int(time.time()) // TIME_BUCKET_SECONDS
        path_hash = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"page:{token}:{bucket}:{path_hash}"
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
        response.setdefault(
            "ETag", quote_etag(hashlib.md5(response.content, usedforsecurity=False).hexdigest())
        )
        bucket_start = datetime.fromtimestamp(bucket * TIME_BUCKET_SECONDS, tz=UTC)
        response.setdefault("Last-Modified", http_date(max(changed_at, bucket_start).timestamp()))
        # Browsers and proxies may keep the page but must ask again (a cheap 304).
        response.setdefault("Cache-Control", "no-cache")
        response["Content-Length"] = str(len(response.content))
        cache.set(key, (response.content, dict(response.items())), settings.PAGE_CACHE_SECONDS)
        response["X-Cache"] = "miss"
        return response

    return wrapper
