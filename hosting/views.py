"""The public pages of hosting: what hosting involves, who may apply, the calls."""

from django.shortcuts import render

from . import calls
from .models import HostingPage


def host(request):
    """ "Host an edition": the organisers' text, the open calls and every past call with its deadlines."""
    context = {
        "page": HostingPage.current(),
        "open_calls": [(call, calls.deadlines(call)) for call in calls.open_calls()],
        "past_calls": [(call, calls.deadlines(call)) for call in calls.past_calls()],
    }
    return render(request, "hosting/host.html", context)
