"""Registration pages. None is a public() view: they are never cached, so availability is live."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import format_html
from django.utils.timezone import now as utc_now
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from common import limits
from common.tokens import row_from_token
from common.views import ConfirmView, check_inbox, link_invalid
from common.when import local_time
from events.models import Edition

from . import emails, flow, register_page
from .forms import RegistrationForm
from .models import Registration


def _published_edition(slug):
    return get_object_or_404(Edition.objects.published().select_related("registration_group"), slug=slug)


def _open_edition(slug, *, shared=False):
    """`shared`: this process's instance for the content revision, for reading only (register_page.py)."""
    edition = register_page.shared_edition(_published_edition, slug) if shared else _published_edition(slug)
    if not edition.registers_on_site:
        raise Http404("This edition does not take registrations on this site.")
    return edition


def _availability(edition):
    return register_page.availability(edition)


@require_http_methods(["GET", "HEAD", "POST"])
def register(request, slug):
    edition = _open_edition(slug, shared=request.method != "POST")
    now = utc_now()
    context = {
        "edition": edition,
        "is_open": edition.registration_is_open(now),
        "not_open_yet": edition.registration_not_open_yet(now),
        **_availability(edition),
    }
    if request.method != "POST" or not context["is_open"]:
        return register_page.blank(request, context)
    if limits.address_over_limit(request):
        return _too_many(request, edition)
    form = RegistrationForm(request.POST, edition=edition)
    if form.is_bot:
        # Answered as a person would be, so the bot learns nothing; nothing is stored or sent.
        return _check_inbox(request, edition)
    if not form.is_valid():
        return register_page.render_form(request, {**context, "form": form}, status=400)
    email = form.cleaned_data["email"]
    if limits.email_over_limit(email):
        return _too_many(request, edition)
    # The same answer for a new address and a known one (which is sent its own link), so the
    # page tells nobody who has registered.
    details = {f: form.cleaned_data[f] for f in RegistrationForm.Meta.fields}
    flow.request_place(edition, answers=form.answers(), **details)
    return _check_inbox(request, edition, email)


def _check_inbox(request, edition, email=""):
    return check_inbox(
        request,
        email=email,
        about=format_html('your request for <a href="{}">{}</a>', edition.get_absolute_url(), edition.title),
        outcome="Your request counts from then.",
        known="If you have asked for a place before, the e-mail links to your registration’s page instead.",
    )


def _too_many(request, edition):
    return limits.too_many(request, "registrations/too_many.html", {"edition": edition})


def _from_token(token, salt):
    return row_from_token(Registration.objects.select_related("edition"), token, salt=salt)


def _closed(request, registration, status):
    """The edition stopped taking registrations between the request and its confirmation."""
    edition = registration.edition
    context = {"edition": edition, "cancelled": edition.is_cancelled, "over": edition.is_over()}
    return render(request, "registrations/closed.html", context, status=status)


class Confirm(ConfirmView):
    """Confirmed, the request is approved, pending or in line, and the registrant sees its page."""

    queryset = Registration.objects.select_related("edition")
    salt = Registration.CONFIRM_SALT
    template_name = "registrations/confirm.html"
    context_name = "registration"

    def get(self, request, token):
        if self.row.is_unconfirmed and not self.row.edition.registration_is_open():
            return _closed(request, self.row, status=200)
        return super().get(request, token)

    def post(self, request, token):
        try:
            flow.confirm(self.row.pk)
        except flow.RegistrationClosed:
            return _closed(request, self.row, status=409)
        return _manage_page(self.row, done=CONFIRMED)


# What the registrant just did, carried to their page by the redirect (?done=…) so that the page
# can say it worked: the site sets registrants no cookie, so no session holds a message.
CONFIRMED, ACCEPTED, CANCELLED = "confirmed", "accepted", "cancelled"


def _manage_page(registration, *, done):
    return redirect(f"{registration.manage_url()}?done={done}")


def _done_message(done, registration):
    """The success message for what the registrant just did, told by the status it led to ("" for
    none: an unknown `done`, or a status that the step did not reach, such as an offer that lapsed)."""
    if done == CONFIRMED and registration.is_approved:
        return "Your address is confirmed and your place is booked."
    if done == CONFIRMED and registration.is_pending:
        return "Your address is confirmed. Your request now waits for the organisers’ approval."
    if done == CONFIRMED and registration.is_waiting:
        return "Your address is confirmed. All places are taken, so you are on the waiting list."
    if done == ACCEPTED and registration.is_approved:
        return "The place is yours: your registration is approved."
    if done == CANCELLED and registration.is_cancelled:
        return "Your registration is cancelled. We have sent you an e-mail to confirm it."
    return ""


# Signed pages show a person's data: never kept by a browser or a proxy (never_cache sends
# "Cache-Control: max-age=0, no-cache, no-store, must-revalidate, private").
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token):
    """The registrant's own page: status, calendar, accept an offer, delete my data; cancelling
    has its own page (cancel), which asks first."""
    registration = _from_token(token, Registration.MANAGE_SALT)
    if registration is None:
        return link_invalid(request)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "accept":
            flow.accept_offer(registration.pk)
        elif action == "delete":
            flow.delete(registration.pk)
            return render(request, "registrations/deleted.html", {"edition": registration.edition})
        else:
            return HttpResponse("Unknown action.", status=400, content_type="text/plain")
        return _manage_page(registration, done=ACCEPTED)
    now = utc_now()
    edition = registration.edition
    return render(
        request,
        "registrations/manage.html",
        {
            "registration": registration,
            "edition": edition,
            "offer_open": registration.offer_is_open(now),
            "offer_expires": local_time(registration.offer_expires_at, registration.edition.tz)
            if registration.offer_expires_at
            else "",
            "may_register_again": registration.is_cancelled and edition.registration_is_open(now),
            "edition_over": edition.is_over(now),
            "answers": registration.answers.in_question_order(),
            "done_message": _done_message(request.GET.get("done"), registration),
        },
    )


@never_cache
@require_safe
def delete(request, token):
    """ "Are you sure?" before "Delete my data": its button posts the deletion to the registrant's page."""
    registration = _from_token(token, Registration.MANAGE_SALT)
    if registration is None:
        return link_invalid(request)
    return render(
        request, "registrations/delete.html", {"registration": registration, "edition": registration.edition}
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def cancel(request, token):
    """ "Are you sure?": the page says what cancelling gives up; its button cancels."""
    registration = _from_token(token, Registration.MANAGE_SALT)
    if registration is None:
        return link_invalid(request)
    if request.method == "POST" and registration.may_cancel:
        flow.cancel(registration.pk)
        return _manage_page(registration, done=CANCELLED)
    if request.method == "POST" or not registration.may_cancel:
        return redirect(registration.manage_url())
    edition = registration.edition
    return render(request, "registrations/cancel.html", {"registration": registration, "edition": edition})


@never_cache
@require_safe
def calendar(request, token):
    """The edition's .ics, for approved registrants (the public one, with the same UID)."""
    registration = _from_token(token, Registration.MANAGE_SALT)
    if registration is None or registration.status != Registration.Status.APPROVED:
        raise Http404
    body = emails.registrant_calendar(registration, utc_now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{registration.edition.slug}.ics"'
    return response
