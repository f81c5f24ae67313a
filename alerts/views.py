"""E-mail alerts: sign up, confirm (a page with a button), change choices, unsubscribe.

None is cached but the sign-up page. The unsubscribe URL takes a POST without a CSRF token or a
login: mail clients send RFC 8058's one-click POST there, and the signed link is what proves the address.
"""

from django.conf import settings
from django.shortcuts import render
from django.utils.timezone import now as utc_now
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from common import limits
from common.tokens import row_from_token

from . import flow
from .forms import ChoicesForm, SubscriptionForm
from .models import Subscription


def _subscription(token, salt, max_age=None):
    # Confirmation links expire; the links to change or unsubscribe do not.
    return row_from_token(Subscription.objects, token, salt=salt, max_age=max_age, timed=bool(max_age))


def alerts_page(request):
    """The sign-up form: a cached public page that sets no cookie (its form posts to subscribe)."""
    return render(request, "alerts/subscribe.html", {"form": SubscriptionForm()})


# No CSRF token, so that the sign-up page can be cached and set no cookie. A forged POST can do
# no more than a visitor typing the address: one confirmation e-mail, within the per-address
# limits, and nothing starts until the address's owner presses Confirm.
@csrf_exempt
@require_POST
def subscribe(request):
    if limits.address_over_limit(request):
        return limits.too_many(request)
    if request.POST.get("website"):
        # Answered as a person would be, so the bot learns nothing; nothing is stored or sent.
        return render(request, "alerts/check_inbox.html")
    form = SubscriptionForm(request.POST)
    if not form.is_valid():
        return render(request, "alerts/subscribe.html", {"form": form}, status=400)
    email = form.cleaned_data["email"]
    if limits.email_over_limit(email):
        return limits.too_many(request)
    flow.sign_up(form, utc_now())
    # The same answer whether or not the address was signed up already: it reveals nothing.
    return render(request, "alerts/check_inbox.html", {"email": email})


# Signed pages show a person's data: never kept by a browser or a proxy (never_cache sends
# "Cache-Control: max-age=0, no-cache, no-store, must-revalidate, private").
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """A page with a Confirm button: mail scanners follow links, but do not press buttons."""
    subscription = _subscription(token, Subscription.CONFIRM_SALT, settings.CONFIRM_LINK_DAYS * 86400)
    if subscription is None:
        return render(request, "registrations/link_invalid.html", status=404)
    if request.method == "POST":
        flow.confirm(subscription)
    return render(request, "alerts/confirm.html", {"subscription": subscription})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token):
    """Change what you receive, from the signed link in every alert."""
    subscription = _subscription(token, Subscription.MANAGE_SALT)
    if subscription is None:
        return render(request, "registrations/link_invalid.html", status=404)
    form = ChoicesForm(request.POST if request.method == "POST" else None, instance=subscription)
    saved = False
    if request.method == "POST":
        if not form.is_valid():
            return render(
                request,
                "alerts/manage.html",
                {"form": form, "subscription": subscription},
                status=400,
            )
        form.save()
        saved = True
    return render(request, "alerts/manage.html", {"form": form, "subscription": subscription, "saved": saved})


@never_cache
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """GET: a page with one button. POST (that button, or a mail client's one-click): deleted at once."""
    subscription = _subscription(token, Subscription.MANAGE_SALT)
    if request.method == "POST":
        if subscription is not None:
            subscription.delete()
        return render(request, "alerts/unsubscribed.html")
    if subscription is None:
        return render(request, "alerts/unsubscribed.html")
    return render(request, "alerts/unsubscribe.html", {"subscription": subscription})
