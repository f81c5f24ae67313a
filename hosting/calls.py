"""What the hosting page says of calls for hosts: open or past, and their deadlines.

Whether a call is open is decided by events' CallForHosts.objects.open(); this module only
adds the cut-offs, so "open" is still defined in one place.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone

from events.models import CallForHosts

from .models import CutOff, local_time


@dataclass(frozen=True)
class Deadline:
    label: str
    at: datetime
    display: str


def with_cut_offs(calls):
    return calls.select_related("series").prefetch_related(
        Prefetch("cut_offs", queryset=CutOff.objects.order_by("at"))
    )


def deadlines(call):
    """The call's cut-offs in order, then its deadline unless a cut-off already stands for it."""
    found = [Deadline(c.label, c.at, c.local_display) for c in call.cut_offs.all()]
    if call.deadline and all(d.at != call.deadline for d in found):
        label = "Deadline" if not found else "Final deadline"
        found.append(Deadline(label, call.deadline, local_time(call.deadline, settings.TIME_ZONE)))
    return found


def last_cut_off(call):
    """After this instant the call takes no more applications (None: no date is set)."""
    found = deadlines(call)
    return found[-1].at if found else None


def open_calls(now=None):
    return with_cut_offs(CallForHosts.objects.open(now or timezone.now()))


def past_calls(now=None):
    """Every call that is over: its deadline has passed, or it is known only by its period."""
    now = now or timezone.now()
    over = CallForHosts.objects.filter(deadline__lte=now) | CallForHosts.objects.exclude(period="")
    return with_cut_offs(over.distinct().newest_first())


def refusal(call, now=None):
    """Why the call takes no application now, in words for the applicant; None while it does.

    One definition, asked by the form's page and by its POST alike.
    """
    now = now or timezone.now()
    last = last_cut_off(call)
    if last is not None and now >= last:
        when = local_time(last, settings.TIME_ZONE)
        return f"This call closed on {when}, its last cut-off date: applications are no longer accepted."
    if not CallForHosts.objects.open(now).filter(pk=call.pk).exists():
        return "This call is not open for applications."
    return None


def cut_off_for(call, now=None):
    """The cut-off an application sent now is judged at: the first one still ahead."""
    now = now or timezone.now()
    return call.cut_offs.filter(at__gt=now).order_by("at").first()
