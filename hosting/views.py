"""The pages of hosting: what hosting involves and the calls (cached), the application form and
its Confirm page (never cached), and the support letters, to staff only."""

import logging

from django.contrib.admin.views.decorators import staff_member_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods, require_safe

from common import limits
from common.views import ConfirmView, check_inbox
from events.models import CallForHosts

from . import calls, flow
from .forms import ApplicationForm
from .models import Application, HostingPage

logger = logging.getLogger(__name__)


def host(request):
    """ "Host an edition": the organisers' text, the open calls and every past call with its deadlines."""
    context = {
        "page": HostingPage.current(),
        "open_calls": [(call, calls.deadlines(call)) for call in calls.open_calls()],
        "past_calls": [(call, calls.deadlines(call)) for call in calls.past_calls()],
    }
    return render(request, "hosting/host.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def apply(request, pk):
    """The application form while the call is open; after its last cut-off, the reason instead."""
    call = get_object_or_404(calls.with_cut_offs(CallForHosts.objects.all()), pk=pk)
    context = {"call": call, "deadlines": calls.deadlines(call), "refusal": calls.refusal(call)}
    if context["refusal"]:
        # 403 for a POST too: nothing is stored, and the page says why.
        return render(request, "hosting/apply.html", context, status=403 if request.method == "POST" else 200)
    if request.method != "POST":
        return render(request, "hosting/apply.html", {**context, "form": ApplicationForm()})
    if limits.address_over_limit(request):
        return limits.too_many(request)
    form = ApplicationForm(request.POST, request.FILES)
    if form.is_bot:
        # Answered as a person would be, so the bot learns nothing; nothing is stored or sent.
        return _check_inbox(request, call)
    if not form.is_valid():
        return render(request, "hosting/apply.html", {**context, "form": form}, status=400)
    if limits.email_over_limit(form.cleaned_data["email"]):
        return limits.too_many(request)
    application = flow.create(call, form)
    return _check_inbox(request, call, application.email)


def _check_inbox(request, call, email=""):
    return check_inbox(
        request,
        email=email,
        about=f"your application to host, under “{call.title}”",
        outcome="Your application counts from then.",
    )


class Confirm(ConfirmView):
    queryset = Application.objects.select_related("call")
    salt = Application.CONFIRM_SALT
    template_name = "hosting/confirm.html"
    context_name = "application"

    def confirm(self, application):
        return flow.confirm(application.pk)


def may_read_letters(user):
    """The admin's own rule for seeing an application (view or change permission): the one
    rule for both the download link it shows and the download itself."""
    return (
        user.is_active
        and user.is_staff
        and (user.has_perm("hosting.view_application") or user.has_perm("hosting.change_application"))
    )


@require_safe
@staff_member_required
def support_letter(request, pk):
    """A support letter, to organisers who may see applications: never public, never under /media/."""
    if not may_read_letters(request.user):
        raise Http404("No such letter.")
    application = get_object_or_404(Application, pk=pk)
    if not application.support_letter:
        raise Http404("No such letter.")
    try:
        letter = application.support_letter.open("rb")
    except FileNotFoundError:
        # Lost from the disk (a restore without the letters folder): say so, not a server error.
        logger.error("The support letter of %s is missing from HOSTING_LETTERS_ROOT", application.reference)
        response = render(request, "hosting/letter_missing.html", {"application": application}, status=404)
        response["Cache-Control"] = "private, no-store"
        return response
    response = FileResponse(letter, as_attachment=True, content_type="application/pdf")
    response["Cache-Control"] = "private, no-store"
    return response
