"""The admin site, whose index lists what content still needs doing and whose login never sends
an organiser to a page that is not there."""

from urllib.parse import urlsplit

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.urls import Resolver404, path, resolve

from events.todo import content_todo
from events.views.markdown_preview import markdown_preview


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

    def get_urls(self):
        # Inside the admin: admin_view lets only staff in and checks the CSRF token.
        preview = path("markdown-preview/", self.admin_view(markdown_preview), name="markdown-preview")
        return [preview, *super().get_urls()]


def _has_page(url):
    try:
        resolve(urlsplit(url).path)
    except Resolver404:
        return False
    return True


def _without_next(params):
    params = params.copy()
    params.pop(REDIRECT_FIELD_NAME, None)
    return params
