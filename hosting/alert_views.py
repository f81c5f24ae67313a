"""E-mail alerts: sign up, confirm (a page with a button), change choices, unsubscribe.

None is cached. The unsubscribe URL takes a POST without a CSRF token or a login: mail clients
send RFC 8058's one-click POST there, and the signed link is what proves the address.
"""

from django import forms
from django.conf import settings
from django.db import IntegrityError, transaction
from django.forms.models import construct_instance
from django.shortcuts import render
from django.utils.timezone import now as utc_now
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from django_countries import countries
from django_countries.fields import LazyTypedMultipleChoiceField

from common import limits
from common.addresses import normalise_email
from events.models import Theme
from registrations.flow import RESEND_AFTER
from registrations.links import row_from_token

from . import alerts
from .models import Subscription

# The series meets in Europe: the countries people can follow are the continent's
# (the EU's 27, the EEA and Switzerland, the United Kingdom, the Western Balkans,
# Türkiye, Ukraine, Moldova, Georgia, Armenia), not the world's 250.
EUROPE = {
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
    "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO", "CH", "GB",
    "AL", "BA", "ME", "MK", "RS", "XK", "TR", "UA", "MD", "GE", "AM",
}  # fmt: skip


def european_countries():
    return [(code, name) for code, name in countries if code in EUROPE]


class SubscriptionForm(forms.ModelForm):
    countries = LazyTypedMultipleChoiceField(
        choices=european_countries,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Editions in these countries",
    )
    themes = forms.ModelMultipleChoiceField(
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Editions on these themes",
    )
    website = forms.CharField(required=False, label="Leave this empty")

    class Meta:
        model = Subscription
        fields = ["email", "every_edition", "countries", "themes", "calls_for_hosts"]
        widgets = {"email": forms.EmailInput(attrs={"autocomplete": "email"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])

    def clean(self):
        data = super().clean()
        if not (
            data.get("every_edition")
            or data.get("countries")
            or data.get("themes")
            or data.get("calls_for_hosts")
        ):
            raise forms.ValidationError("Choose at least one thing to hear about.")
        return data

    def validate_unique(self):
        # An address already signed up is answered by the view, without saying so.
        pass


class ChoicesForm(SubscriptionForm):
    class Meta(SubscriptionForm.Meta):
        fields = ["every_edition", "countries", "themes", "calls_for_hosts"]


def _subscription(token, salt, max_age=None):
    # Confirmation links expire; the links to change or unsubscribe do not.
    return row_from_token(Subscription.objects, token, salt=salt, max_age=max_age, timed=bool(max_age))


def alerts_page(request):
    """The sign-up form: a cached public page that sets no cookie (its form posts to subscribe)."""
    return render(request, "hosting/alerts_subscribe.html", {"form": SubscriptionForm()})


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
        return render(request, "hosting/alerts_check_inbox.html")
    form = SubscriptionForm(request.POST)
    if not form.is_valid():
        return render(request, "hosting/alerts_subscribe.html", {"form": form}, status=400)
    email = form.cleaned_data["email"]
    if limits.email_over_limit(email):
        return limits.too_many(request)
    _sign_up(form, utc_now())
    # The same answer whether or not the address was signed up already: it reveals nothing.
    return render(request, "hosting/alerts_check_inbox.html", {"email": email})


@transaction.atomic
def _sign_up(form, now):
    """A new address is stored and sent its confirmation. An address not yet confirmed takes the
    new choices and a new link (a lost or expired one is not a dead end); a confirmed address is
    sent the link to its settings and nothing changes. Either way only the address's owner learns
    it was signed up already, and at most one such e-mail goes out per RESEND_AFTER.
    """
    email = form.cleaned_data["email"]
    subscription = Subscription.objects.select_for_update().filter(email=email).first()
    if subscription is None:
        try:
            with transaction.atomic():
                subscription = form.save()
        except IntegrityError:
            # The same address signed up by another request at the same moment, which committed
            # first (PostgreSQL held this INSERT until then): its confirmation serves both.
            return
        alerts.send_confirmation(subscription)
        return
    # The e-mail this request would send: a confirmation, or the link to the settings.
    kind = "confirm:" if subscription.confirmed_at is None else "link:"
    if subscription.alerts.filter(event_key__startswith=kind, created_at__gt=now - RESEND_AFTER).exists():
        return
    if subscription.confirmed_at is None:
        construct_instance(form, subscription, fields=["every_edition", "countries", "calls_for_hosts"])
        # The hourly job forgets unconfirmed addresses by this date: the new link gets its full time.
        subscription.created_at = now
        subscription.save()
        subscription.themes.set(form.cleaned_data["themes"])
        alerts.send_confirmation(subscription)
        return
    alerts.announce(
        f"link:{now:%Y%m%d%H%M%S}",
        Subscription.objects.filter(pk=subscription.pk),
        subject="Your e-mail alerts: Clusters meet Regions",
        text=(
            "Someone, probably you, asked for e-mail alerts from Clusters meet Regions with this "
            "address. It has alerts already, so nothing has changed. Change what you receive, or "
            "stop, with the links below. If you did not ask, ignore this message."
        ),
        url=subscription.manage_url(),
    )


# Signed pages show a person's data: never kept by a browser or a proxy (never_cache sends
# "Cache-Control: max-age=0, no-cache, no-store, must-revalidate, private").
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """A page with a Confirm button: mail scanners follow links, but do not press buttons."""
    subscription = _subscription(token, Subscription.CONFIRM_SALT, settings.REGISTRATION_CONFIRM_DAYS * 86400)
    if subscription is None:
        return render(request, "registrations/link_invalid.html", status=404)
    if request.method == "POST" and subscription.confirmed_at is None:
        subscription.confirmed_at = utc_now()
        subscription.save(update_fields=["confirmed_at"])
    return render(request, "hosting/alerts_confirm.html", {"subscription": subscription})


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
                "hosting/alerts_manage.html",
                {"form": form, "subscription": subscription},
                status=400,
            )
        form.save()
        saved = True
    return render(
        request, "hosting/alerts_manage.html", {"form": form, "subscription": subscription, "saved": saved}
    )


@never_cache
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """GET: a page with one button. POST (that button, or a mail client's one-click): deleted at once."""
    subscription = _subscription(token, Subscription.MANAGE_SALT)
    if request.method == "POST":
        if subscription is not None:
            subscription.delete()
        return render(request, "hosting/alerts_unsubscribed.html")
    if subscription is None:
        return render(request, "hosting/alerts_unsubscribed.html")
    return render(request, "hosting/alerts_unsubscribe.html", {"subscription": subscription})
