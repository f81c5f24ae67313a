"""E-mail alerts: sign up, confirm (a page with a button), change choices, unsubscribe.

None is cached but the sign-up page. The unsubscribe URL takes a POST without a CSRF token or a
login: mail clients send RFC 8058's one-click POST there, and the signed link is what proves the address.
"""

from django.shortcuts import render
from django.utils.timezone import now as utc_now
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from common import limits
from common.tokens import is_genuine, row_from_token
from common.views import ConfirmView, check_inbox, link_invalid

from . import flow
from .forms import ChoicesForm, SubscriptionForm
from .models import Subscription


def _subscription(token):
    # Not timed, unlike the confirmation link: the links to change or unsubscribe keep working.
    return row_from_token(Subscription.objects, token, salt=Subscription.MANAGE_SALT, timed=False)


def _gone(request, token):
    """A link of this site whose subscription is no more: unsubscribing deletes it, so an old
    alert's "change your choice" link says that, rather than calling itself invalid."""
    if is_genuine(token, salt=Subscription.MANAGE_SALT):
        return render(request, "alerts/unsubscribed.html", {"from_old_link": True}, status=410)
    return link_invalid(request)


def _check_inbox(request, email="", chosen=()):
    return check_inbox(
        request,
        email=email,
        about="your e-mail alerts",
        outcome="Your alerts start from then: we write only when there is something you chose to hear about.",
        known="If this address has alerts already, the e-mail links to where you can change them instead.",
        chosen=chosen,
    )


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
    form = SubscriptionForm(request.POST)
    if form.is_bot:
        # Answered as a person would be, so the bot learns nothing; nothing is stored or sent.
        return _check_inbox(request)
    if not form.is_valid():
        return render(request, "alerts/subscribe.html", {"form": form}, status=400)
    email = form.cleaned_data["email"]
    if limits.email_over_limit(email):
        return limits.too_many(request)
    flow.sign_up(form, utc_now())
    # The same answer whether or not the address was signed up already: it reveals nothing.
    return _check_inbox(request, email, form.choices_in_words())


class Confirm(ConfirmView):
    queryset = Subscription.objects.all()
    salt = Subscription.CONFIRM_SALT
    template_name = "alerts/confirm.html"
    context_name = "subscription"

    def confirm(self, subscription):
        return flow.confirm(subscription)


# Signed pages show a person's data: never kept by a browser or a proxy (never_cache sends
# "Cache-Control: max-age=0, no-cache, no-store, must-revalidate, private").
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token):
    """Change what you receive, from the signed link in every alert."""
    subscription = _subscription(token)
    if subscription is None:
        return _gone(request, token)
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
    subscription = _subscription(token)
    if request.method == "POST":
        if subscription is not None:
            subscription.delete()
        return render(request, "alerts/unsubscribed.html")
    if subscription is None:
        return render(request, "alerts/unsubscribed.html")
    return render(request, "alerts/unsubscribe.html", {"subscription": subscription})
