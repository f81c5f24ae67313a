"""The admin site, whose index lists what content still needs doing, whose login never sends
an organiser to a page that is not there, and whose pages answer a value they cannot use with 400."""

import functools
import logging
from urllib.parse import urlsplit

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.template.response import TemplateResponse
from django.urls import Resolver404, path, resolve

from events.todo import content_todo
from events.views.markdown_preview import markdown_preview

logger = logging.getLogger(__name__)

# What Django's admin and its add-ons raise on a value from an address, a query string or a posted
# selection that they cannot use: a history id "x", a year of 30 nines in the date drill-down, an
# empty `_to_field`, a prefilled date-time "x", an action on `_selected_action=x`. The site's own
# filters and forms check their values themselves (events/admin_base.py).
BAD_INPUT = (ValueError, OverflowError, FieldDoesNotExist, ValidationError)


class OrganisersAdminSite(admin.AdminSite):
    def index(self, request, extra_context=None):
        """Django's index, with "What still needs doing" (templates/admin/index.html)."""
        return super().index(request, {"todo": content_todo(request.user), **(extra_context or {})})

    def login(self, request, extra_context=None):
        """Django's admin login, where a `next` this site has no page for counts as no `next`.

        LoginView already refuses another host or scheme and falls back to
        LOGIN_REDIRECT_URL (the admin index), but it follows any path on this host,
        a stale bookmark's say, to a 404. Without `next` it lands on the index too.
        """
        # LoginView's own precedence: the form's field, then the query string.
        target = request.POST.get(REDIRECT_FIELD_NAME, request.GET.get(REDIRECT_FIELD_NAME))
        if target and not _has_page(target):
            request.GET = _without_next(request.GET)
            request.POST = _without_next(request.POST)
        return super().login(request, extra_context)

    def admin_view(self, view, cacheable=False):
        """Every admin page (Django's, ours, the add-ons'), answering a value it cannot use with 400."""
        return super().admin_view(_refusing_bad_input(view, self), cacheable)

    def get_urls(self):
        # Inside the admin: admin_view lets only staff in and checks the CSRF token.
        preview = path("markdown-preview/", self.admin_view(markdown_preview), name="markdown-preview")
        return [preview, *super().get_urls()]


def _refusing_bad_input(view, site):
    @functools.wraps(view)
    def guarded(request, *args, **kwargs):
        try:
            # PostgreSQL refuses a NUL in any text it compares ("?country=%00" on a change list was
            # a 500 there, and nothing found on SQLite); no admin page has a use for one.
            if any("\x00" in name + "".join(values) for name, values in request.GET.lists()):
                raise ValueError("A NUL character in the query string.")
            response = view(request, *args, **kwargs)
            # A template response renders later, outside this block; a widget that cannot show a
            # prefilled value fails there, so render it here.
            if isinstance(response, TemplateResponse):
                response.render()
            return response
        except BAD_INPUT:
            # Logged with its traceback, as an error would be: a fault of ours would look the same.
            logger.exception("The admin could not use a value in %s %s", request.method, request.path)
            title = "This address holds a value the admin cannot use"
            context = {**site.each_context(request), "title": title}
            return TemplateResponse(request, "admin/bad_input.html", context, status=400)

    return guarded


def _has_page(url):
    try:
        resolve(urlsplit(url).path)
    except (Resolver404, ValueError):  # ValueError: not an address at all ("http://[")
        return False
    return True


def _without_next(params):
    params = params.copy()
    params.pop(REDIRECT_FIELD_NAME, None)
    return params
