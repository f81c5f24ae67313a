"""The pages every app that e-mails a signed link shares: "check your inbox", and Confirm."""

from django.conf import settings
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache

from .tokens import row_from_token


def check_inbox(request, *, email="", about="", outcome, known="", chosen=()):
    """The answer to a form that sends a link, the same whether or not the address is known (so it
    reveals nothing) and for a bot caught by the honeypot. The three forms say it in the same words:
    open the link, press Confirm, then `outcome` ("Your request counts from then."). `about`: what was
    asked for (may be HTML made with format_html); `known`: what the e-mail is instead when the
    address was there before; `chosen`: what the person chose, in words, to check it at a glance."""
    context = {"email": email, "about": about, "outcome": outcome, "known": known, "chosen": chosen}
    return render(request, "check_inbox.html", context)


def link_invalid(request):
    return render(request, "link_invalid.html", status=404)


# Signed pages show a person's data: never kept by a browser or a proxy (never_cache sends
# "Cache-Control: max-age=0, no-cache, no-store, must-revalidate, private").
@method_decorator(never_cache, name="dispatch")
class ConfirmView(View):
    """A page with a Confirm button: mail scanners follow links, but do not press buttons.

    The link signs the row's key with `salt` and works for CONFIRM_LINK_DAYS; a forged, altered or
    expired one is answered with link_invalid.html. GET shows `template_name` with the row as
    `context_name`; POST calls confirm(row), which returns the row to show (or a response).
    """

    http_method_names = ["get", "head", "post"]
    queryset = None
    salt = None
    template_name = None
    context_name = None

    def dispatch(self, request, token):
        if request.method.lower() not in self.http_method_names:
            return self.http_method_not_allowed(request)
        max_age = settings.CONFIRM_LINK_DAYS * 86400
        self.row = row_from_token(self.queryset.all(), token, salt=self.salt, max_age=max_age)
        if self.row is None:
            return link_invalid(request)
        return super().dispatch(request, token)

    def get(self, request, token):
        return render(request, self.template_name, {self.context_name: self.row})

    def post(self, request, token):
        self.row = self.confirm(self.row)
        return self.get(request, token)

    def confirm(self, row):
        raise NotImplementedError
