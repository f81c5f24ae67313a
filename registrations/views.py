"""Registration pages. None is a public() view: they are never cached, so availability is live."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.timezone import now as utc_now
from django.views.decorators.http import require_http_methods, require_safe

from events.models import Edition

from . import emails, flow, limits
from .forms import RegistrationForm
from .links import row_from_token
from .models import Registration


def _open_edition(slug):
    edition = get_object_or_404(Edition.objects.published().select_related("registration_group"), slug=slug)
    if not edition.registers_on_site:
        raise Http404("This edition does not take registrations on this site.")
    return edition


def _availability(edition):
    regs = Registration.objects.filter(edition=edition)
    return {"places_left": flow.places_left(edition), "waiting": regs.waiting_in_line().count()}


@require_http_methods(["GET", "HEAD", "POST"])
def register(request, slug):
    edition = _open_edition(slug)
    now = utc_now()
    context = {
        "edition": edition,
        "is_open": edition.registration_is_open(now),
        "not_open_yet": edition.registration_not_open_yet(now),
        **_availability(edition),
    }
    if request.method != "POST" or not context["is_open"]:
        context["form"] = RegistrationForm(edition=edition)
        return render(request, "registrations/register.html", context)
    if limits.address_over_limit(request):
        return _too_many(request, edition)
    form = RegistrationForm(request.POST, edition=edition)
    if form.is_bot:
        # Answered as a person would be, so the bot learns nothing; nothing is stored or sent.
        return render(request, "registrations/check_inbox.html", {"edition": edition})
    if not form.is_valid():
        return render(request, "registrations/register.html", {**context, "form": form}, status=400)
    email = form.cleaned_data["email"]
    if limits.email_over_limit(email):
        return _too_many(request, edition)
    if Registration.objects.filter(edition=edition, email=email).exists():
        return render(request, "registrations/already.html", {"edition": edition, "email": email})
    flow.create(edition, **{f: form.cleaned_data[f] for f in RegistrationForm.Meta.fields})
    return render(request, "registrations/check_inbox.html", {"edition": edition, "email": email})


def _too_many(request, edition):
    response = render(request, "registrations/too_many.html", {"edition": edition}, status=429)
    response["Retry-After"] = str(limits.seconds_to_next_window())
    return response


def _from_token(token, salt, max_age=None):
    return row_from_token(Registration.objects.select_related("edition"), token, salt=salt, max_age=max_age)


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """A page with a Confirm button: mail scanners follow links, but do not press buttons."""
    max_age = settings.REGISTRATION_CONFIRM_DAYS * 86400
    registration = _from_token(token, Registration.CONFIRM_SALT, max_age)
    if registration is None:
        return render(request, "registrations/link_invalid.html", status=404)
    if request.method == "POST":
        flow.confirm(registration.pk)
        return redirect(registration.get_absolute_url())
    return render(request, "registrations/confirm.html", {"registration": registration})


@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token):
    """The registrant's own page: status, calendar, accept an offer, cancel, delete my data."""
    registration = _from_token(token, Registration.MANAGE_SALT)
    if registration is None:
        return render(request, "registrations/link_invalid.html", status=404)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "accept":
            flow.accept_offer(registration.pk)
        elif action == "cancel":
            flow.cancel(registration.pk)
        elif action == "delete":
            flow.delete(registration.pk)
            return render(request, "registrations/deleted.html", {"edition": registration.edition})
        else:
            return HttpResponse("Unknown action.", status=400, content_type="text/plain")
        return redirect(registration.get_absolute_url())
    now = utc_now()
    return render(
        request,
        "registrations/manage.html",
        {
            "registration": registration,
            "edition": registration.edition,
            "offer_open": registration.offer_is_open(now),
            "offer_expires": emails.local_time(registration.offer_expires_at, registration.edition)
            if registration.offer_expires_at
            else "",
            "when": emails.when_text(registration.edition),
        },
    )


@require_safe
def calendar(request, token):
    """The edition's .ics, for approved registrants (the public one, with the same UID)."""
    registration = _from_token(token, Registration.MANAGE_SALT)
    if registration is None or registration.status != Registration.Status.APPROVED:
        raise Http404
    body = emails.calendar_bytes(registration.edition, utc_now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{registration.edition.slug}.ics"'
    return response
