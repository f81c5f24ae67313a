"""The admin site, whose index lists what waits for the user and what content still needs doing,
whose login never sends an organiser to a page that is not there, and whose pages answer a value
they cannot use with 400."""

import functools
import logging
from urllib.parse import urlsplit

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.contenttypes import views as contenttype_views
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import Resolver404, path, resolve

from desk.waiting import waiting_for
from events.todo import content_todo
from events.views.markdown_preview import markdown_preview

logger = logging.getLogger(__name__)

# What Django's admin and its add-ons raise on a value from an address, a query string or a posted
# selection that they cannot use: a history id "x", a year of 30 nines in the date drill-down, an
# empty `_to_field`, a prefilled date-time "x", an action on `_selected_action=x`. The site's own
# filters and forms check their values themselves (events/admin/base.py).
BAD_INPUT = (ValueError, OverflowError, FieldDoesNotExist, ValidationError)


class OrganisersAdminSite(admin.AdminSite):
    site_header = "Clusters meet Regions — organisers"
    site_title = "Clusters meet Regions admin"
    site_url = "/"
    index_title = "Editions, hosts, partners and summaries"

    def index(self, request, extra_context=None):
        """Django's index, with what waits for the user and "What still needs doing"
        (templates/admin/index.html)."""
        context = {"waiting": waiting_for(request.user), "todo": content_todo(request.user)}
        return super().index(request, {**context, **(extra_context or {})})

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
        on_site = path(
            "r/<path:content_type_id>/<path:object_id>/",
            self.admin_view(self.view_on_site),
            name="view_on_site",
        )
        # Ours in place of Django's "r/" shortcut.
        django_urls = [url for url in super().get_urls() if getattr(url, "name", None) != "view_on_site"]
        return [preview, on_site, *django_urls]

    def view_on_site(self, request, content_type_id, object_id):
        """Django's "View on site" redirect, only to a model's public page the user may see here.

        Django's shortcut follows any model's get_absolute_url for any staff account, so it led a
        staff user without permissions to a registrant's signed page. Now the model must be in
        this admin, with "View on site" on (a person's rows have it off: PersonalDataAdmin), and
        the row must be one its admin shows the user (a host team's own editions: EditionScoped)
        and may view; anything else is a 404, which tells nothing (not even a draft's address).
        """
        try:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
        except (ContentType.DoesNotExist, ValueError, OverflowError):
            raise Http404("No such page.") from None
        model_admin = self._registry.get(model)
        if model_admin is None or not model_admin.view_on_site:
            raise Http404("No such page.")
        obj = model_admin.get_object(request, object_id)
        if obj is None or not model_admin.has_view_permission(request, obj):
            raise Http404("No such page.")
        return contenttype_views.shortcut(request, content_type_id, object_id)


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
