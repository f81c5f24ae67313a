"""The check-in page of an edition's day, for organisers and the edition's team, phone first:
search, one tap to check in or undo, the running count, and walk-ins.

Served by the admin site (AttendanceAdmin.get_urls, through admin_view): its sign-in, session
expiry, lock-out and look come with it, and the page extends admin/base_site.html like the other
desk pages, so a team member moves between it and the registrations list without a second look.
"""

from datetime import date
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import ngettext

from events.admin.base import whole_number
from events.models import Edition
from registrations.models import Registration

from . import flow
from .forms import WalkInForm
from .models import Attendance

# A search longer than any name or organisation finds nothing; refused rather than run.
MAX_QUERY = 200


def page_url(edition, day, q=""):
    url = reverse("admin:attendance_attendance_check_in", args=[edition.pk, day.isoformat()])
    return f"{url}?{urlencode({'q': q})}" if q else url


def _day(edition, text):
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise Http404("Not a date.") from None
    if day not in edition.days:
        raise Http404("Not one of the edition's days.")
    return day


def _present(day):
    return Exists(Attendance.objects.filter(registration=OuterRef("pk"), day=day))


def _approved(edition):
    return Registration.objects.filter(edition=edition, status=Registration.Status.APPROVED)


def expected(edition, day):
    """The edition's approved registrants (walk-ins included), each marked `present` on `day`."""
    return _approved(edition).annotate(present=_present(day))


def counts(edition, day):
    """Present / expected on `day`, the walk-ins among them, and how far over the places they go."""
    # The condition itself, not the annotation: an aggregate's filter on an Exists annotation
    # counts nothing on SQLite.
    figures = _approved(edition).aggregate(
        expected=Count("pk"),
        present=Count("pk", filter=Q(_present(day))),
        walk_ins=Count("pk", filter=Q(walked_in=True)),
    )
    places = edition.registration_places or 0
    figures["over"] = max(0, figures["expected"] - places) if places else 0
    return figures


def edition_for(admin, request, edition_pk):
    if not admin.may_check_in(request):
        raise PermissionDenied
    # Another team's edition is not found: its number says nothing about it.
    return get_object_or_404(Edition.objects.managed_by(request.user), pk=edition_pk)


def first_day(admin, request, edition_pk):
    """Today's page during the edition, else its first day's."""
    edition = edition_for(admin, request, edition_pk)
    return redirect(page_url(edition, flow.day_to_check_in(edition) or edition.start_date))


def check_in_page(admin, request, edition_pk, day):
    edition = edition_for(admin, request, edition_pk)
    day = _day(edition, day)
    q = request.GET.get("q", "").strip()[:MAX_QUERY]
    walk_in_form = WalkInForm(edition=edition)
    known = None
    if request.method == "POST":
        if "walk_in" in request.POST:
            walk_in_form = WalkInForm(request.POST, edition=edition)
            if walk_in_form.is_valid():
                try:
                    person = flow.walk_in(edition, day, by=request.user, **walk_in_form.cleaned_data)
                except flow.AlreadyRegistered as already:
                    known = already.registration
                else:
                    messages.success(request, f"{person.name} is added as a walk-in and checked in.")
                    return redirect(page_url(edition, day, q))
        else:
            return _tap(admin, request, edition, day, q)
    people = expected(edition, day).order_by("name", "pk")
    if q:
        people = people.filter(Q(name__icontains=q) | Q(organisation__icontains=q))
    context = {
        **admin.admin_site.each_context(request),
        "opts": admin.model._meta,
        "title": f"Check-in, {day:%A} {day.day} {day:%B %Y}",
        "edition": edition,
        "day": day,
        "days": [(other, page_url(edition, other), other == day) for other in edition.days],
        "is_multi_day": len(edition.days) > 1,
        "is_today": day == flow.venue_today(edition),
        "q": q,
        "people": people,
        "counts": summary(counts(edition, day)),
        "walk_in_form": walk_in_form,
        "known": known,
        "known_url": reverse("admin:registrations_registration_change", args=[known.pk]) if known else "",
        "known_present": bool(known) and known.attendances.filter(day=day).exists(),
        "may_undo": admin.has_delete_permission(request),
        "registrations_url": reverse("admin:registrations_registration_changelist")
        + f"?edition__id__exact={edition.pk}",
    }
    status = 400 if walk_in_form.errors or known else 200
    return render(request, "admin/attendance/check_in.html", context, status=status)


def _tap(admin, request, edition, day, q):
    """One person checked in (back to the top, the search empty) or undone (back to their row)."""
    registration = get_object_or_404(
        Registration.objects.filter(edition=edition, status=Registration.Status.APPROVED),
        pk=whole_number(request.POST.get("registration")),
    )
    if request.POST.get("action") == "undo":
        if not admin.has_delete_permission(request):
            raise PermissionDenied
        flow.undo(registration, day)
        messages.info(request, f"{registration.name}: check-in undone.")
        return redirect(f"{page_url(edition, day, q)}#person-{registration.pk}")
    flow.check_in(registration, day, by=request.user)
    messages.success(request, f"{registration.name} is checked in.")
    # An empty search at the top of the page, for the next person in the queue.
    return redirect(page_url(edition, day))


def summary(figures):
    """ "12 present of 40 expected (2 walk-ins, 1 over the places)"."""
    text = f"{figures['present']} present of {figures['expected']} expected"
    extra = []
    if figures["walk_ins"]:
        extra.append(ngettext("%d walk-in", "%d walk-ins", figures["walk_ins"]) % figures["walk_ins"])
    if figures["over"]:
        extra.append(f"{figures['over']} over the places")
    return f"{text} ({', '.join(extra)})" if extra else text
