"""The page a registrant's check-in code opens: one button for the organisers at the door.

Nothing personal for anyone else: the code is shown at the door, on a phone or on paper, and
whoever photographs it must learn no more than that it is a check-in code.
"""

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from common.tokens import row_from_token
from registrations.models import Registration

from . import flow

CHECKED_IN, UNDONE = "in", "undone"


def _registration(token):
    queryset = Registration.objects.select_related("edition")
    return row_from_token(queryset, token, salt=Registration.CHECK_IN_SALT, timed=False)


def sign_in_url(request):
    return f"{reverse('admin:login')}?{urlencode({'next': request.get_full_path()})}"


# Never kept by a browser or a proxy: it names a person to those who may see it.
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def check_in_link(request, token):
    registration = _registration(token)
    if registration is None:
        return render(request, "attendance/code_invalid.html", status=404)
    edition = registration.edition
    if not flow.runs_check_in(request.user, edition):
        context = {"sign_in_url": sign_in_url(request), "signed_in": request.user.is_authenticated}
        return render(request, "attendance/code_only.html", context)
    if registration.is_cancelled:
        return render(request, "attendance/code_cancelled.html", {"edition": edition}, status=410)
    day = flow.day_to_check_in(edition)
    may_check_in = registration.is_approved and day is not None
    if request.method == "POST":
        if not may_check_in:
            return render(request, "attendance/code_refused.html", {"edition": edition}, status=409)
        if request.POST.get("action") == "undo":
            if not request.user.has_perm(flow.UNDO_PERMISSION):
                raise PermissionDenied
            flow.undo(registration, day)
            return redirect(f"{request.path}?done={UNDONE}")
        flow.check_in(registration, day, by=request.user)
        return redirect(f"{request.path}?done={CHECKED_IN}")
    days = [attendance.day for attendance in registration.attendances.all()]
    done = request.GET.get("done", "")
    context = {
        "registration": registration,
        "edition": edition,
        "day": day,
        "days": days,
        "checked_in_today": day in days,
        "may_check_in": may_check_in,
        "may_undo": request.user.has_perm(flow.UNDO_PERMISSION),
        "before": day is None and flow.venue_today(edition) < edition.start_date,
        # Said only while true: a stale ?done= in the address says nothing.
        "just_checked_in": done == CHECKED_IN and day in days,
        "just_undone": done == UNDONE and day not in days,
        "check_in_page": reverse("admin:attendance_attendance_check_in", args=[edition.pk, day])
        if day
        else "",
    }
    return render(request, "attendance/check_in.html", context)
