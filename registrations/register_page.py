"""The register page's GET, served from what this process rendered for the content revision.

The page is busiest just as registration opens, and rendering it cost ten times
what the site's cached pages do. It cannot come from the page cache: the places
left are live, and the form carries the visitor's CSRF token. So each process
keeps, per events content revision (events/caching.py; a change of country
group bumps it too, registrations/apps.py), the edition and the page rendered
with two holes that are filled per request: the availability line and the
token. A GET then costs the revision's token and one query for the counts,
compiled once per edition.
"""

import functools
import secrets
import threading
from collections import OrderedDict

from django.db import connection
from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language

from events.caching import current_token
from events.models import Edition

from .forms import RegistrationForm
from .models import Registration

# Random per process, so that no organiser's text can contain them.
_CSRF_HOLE = secrets.token_hex(16)
_AVAILABILITY_HOLE = secrets.token_hex(16)

_kept = OrderedDict()
_kept_lock = threading.Lock()
MAX_KEPT = 64


def _keep(key, make):
    """make()'s value, kept under key (least recently used out first)."""
    with _kept_lock:
        value = _kept.get(key)
        if value is not None:
            _kept.move_to_end(key)
            return value
    value = make()
    with _kept_lock:
        _kept[key] = value
        while len(_kept) > MAX_KEPT:
            _kept.popitem(last=False)
    return value


def shared_edition(load, slug):
    """load(slug), kept for the content revision: one instance for every GET, so read it only."""
    return _keep(("edition", current_token(), slug), lambda: load(slug))


def availability(edition):
    """{"places_left": …, "waiting": …} in one query, as places.places_left and the waiting list count them.

    Building SQL is most of what a query costs Django here, so the statement is
    built once per edition and then only run.
    """
    sql, params = _keep(("counts", edition.pk), lambda: _counts_query(edition.pk))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        # No row if the edition was deleted a moment ago: the next request answers 404.
        taken, waiting = cursor.fetchone() or (0, 0)
    return {"places_left": max((edition.registration_places or 0) - taken, 0), "waiting": waiting}


def _counts_query(edition_pk):
    def count(registrations):
        counted = registrations.order_by().values("edition").annotate(n=Count("pk")).values("n")
        return Coalesce(Subquery(counted), Value(0))

    registrations = Registration.objects.filter(edition=OuterRef("pk"))
    counts = (
        Edition.objects.filter(pk=edition_pk)
        .order_by()
        .values_list(count(registrations.holding_places()), count(registrations.waiting_in_line()))
    )
    return counts.query.sql_with_params()


def blank(request, context):
    """register.html with an empty form."""
    edition = context["edition"]
    key = ("page", current_token(), edition.pk, context["is_open"], context["not_open_yet"], get_language())
    holes = {"csrf_token": _CSRF_HOLE, "availability": _AVAILABILITY_HOLE}
    page = _keep(
        key,
        lambda: render_to_string(
            "registrations/register.html",
            {**context, **holes, "form": RegistrationForm(edition=edition)},
            request,
        ),
    )
    html = page.replace(_CSRF_HOLE, get_token(request)).replace(_AVAILABILITY_HOLE, _availability(context))
    return HttpResponse(html)


def render_form(request, context, *, status=200):
    """register.html with a filled-in form (and its errors), rendered afresh."""
    context = {**context, "availability": _availability(context)}
    return render(request, "registrations/register.html", context, status=status)


def _availability(context):
    return _availability_line(context["places_left"], context["waiting"], context["edition"].needs_approval)


@functools.lru_cache(maxsize=256)
def _availability_line(places_left, waiting, needs_approval):
    # A handful of lines ever differ, and rendering one cost a fifth of the page.
    context = {"places_left": places_left, "waiting": waiting, "needs_approval": needs_approval}
    return render_to_string("registrations/register_availability.html", context)
