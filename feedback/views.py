"""The answer page, reached by each attendee's own link (the invitation e-mail, their own page)."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.timezone import now as utc_now
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from common.tokens import row_from_token
from common.views import link_invalid
from registrations.models import Registration

from . import flow
from .forms import SurveyForm
from .models import ANSWER_SALT, Response, answer_url, attended

SAVED = "saved"


def _response(registration):
    return (
        Response.objects.filter(registration=registration)
        .prefetch_related("answers__question", "answers__choices")
        .first()
    )


# A person's answers: never kept by a browser or a proxy.
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def answer(request, token):
    """The survey, blank or with the person's answers, until it closes; then their answers, read-only."""
    registration = row_from_token(
        Registration.objects.select_related("edition"), token, salt=ANSWER_SALT, timed=False
    )
    if registration is None:
        return link_invalid(request)
    survey = getattr(registration.edition, "survey", None)
    now = utc_now()
    if survey is None or not attended(registration) or not registration.edition.is_over(now):
        raise Http404("No survey for this person.")
    response = _response(registration)
    context = {"survey": survey, "edition": survey.edition, "response": response}
    if not survey.is_open(now):
        status = 409 if request.method == "POST" else 200
        return render(request, "feedback/closed.html", context, status=status)
    if request.method != "POST":
        form = SurveyForm(survey=survey, response=response)
        context["saved"] = response is not None and request.GET.get("done") == SAVED
        return render(request, "feedback/answer.html", {**context, "form": form})
    form = SurveyForm(request.POST, survey=survey)
    if not form.is_valid():
        return render(request, "feedback/answer.html", {**context, "form": form}, status=400)
    flow.answer(registration, survey, rating=form.cleaned_data["rating"], answers=form.answers())
    # Back to the page with a GET: reloading it sends nothing again (?done says it worked; no cookie).
    return redirect(f"{answer_url(registration)}?done={SAVED}")
