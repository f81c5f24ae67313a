"""Staff set a forgotten password by e-mail: Django's own views and forms, in the admin's look.

The form's e-mail goes through the queue (desk.emails) instead of being sent in the request, and
the answer is the same for a known and an unknown address: "check your inbox". Requests are limited
per client address (429) and per e-mail address (silently: a 429 there would say the address is
being used). The invitation to a host team leads to the same set-password page.
"""

import unicodedata

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.urls import reverse, reverse_lazy

from common.limits import address_over_limit, email_over_limit, too_many

from .emails import queue_password_reset


def _folded(address):
    # As Django's own form compares: a database's case-blind match may take a different
    # Unicode address for the same one, and the e-mail must go to the address typed.
    return unicodedata.normalize("NFKC", address).casefold()


class StaffPasswordResetForm(PasswordResetForm):
    def get_users(self, email):
        """Active staff with this address, with a password or still without one (invited, never set)."""
        users = get_user_model()._default_manager.filter(email__iexact=email, is_active=True, is_staff=True)
        return [user for user in users if _folded(user.email) == _folded(email)]

    def save(self, *args, **kwargs):
        if not email_over_limit(self.cleaned_data["email"]):
            super().save(*args, **kwargs)

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        queue_password_reset(context["user"])


def admin_look():
    """The admin's header and title, for a page outside the admin site's own views.

    Not the whole of admin.site.each_context(): its navigation sidebar would tell a signed-out
    visitor they may "view or edit nothing".
    """
    site = admin.site
    return {"site_header": site.site_header, "site_title": site.site_title, "site_url": site.site_url}


class InTheAdmin:
    def get_context_data(self, **kwargs):
        return {**admin_look(), **super().get_context_data(**kwargs)}


class PasswordResetView(InTheAdmin, auth_views.PasswordResetView):
    form_class = StaffPasswordResetForm
    success_url = reverse_lazy("password_reset_done")

    def post(self, request, *args, **kwargs):
        if address_over_limit(request):
            context = {**admin_look(), "title": "Too many requests"}
            return too_many(request, "registration/password_reset_too_many.html", context)
        return super().post(request, *args, **kwargs)


class PasswordResetDoneView(InTheAdmin, auth_views.PasswordResetDoneView):
    pass


class PasswordResetConfirmView(InTheAdmin, auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("password_reset_complete")


class PasswordResetCompleteView(InTheAdmin, auth_views.PasswordResetCompleteView):
    def get_context_data(self, **kwargs):
        # Django's links to settings.LOGIN_URL, a page this site does not have: staff sign in here.
        return {**super().get_context_data(**kwargs), "login_url": reverse("admin:login")}
