"""Hosts, partners and speakers, each with the public editions they took part in."""

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from ..models import Edition, Host, Partner, Speaker


def host_list(request):
    hosts = Host.objects.annotate(
        edition_count=Count("edition_hosts", filter=Q(edition_hosts__edition__in=Edition.objects.published()))
    ).filter(edition_count__gt=0)
    return render(request, "events/host_list.html", {"hosts": hosts})


def _taking_part(request, model, slug, template, name):
    """A host, partner or speaker with every public edition it took part in, newest first."""
    obj = get_object_or_404(model, slug=slug)
    editions = (
        Edition.objects.published()
        .filter(**{f"{name}s": obj})
        .distinct()
        .for_listing()
        .order_by("-start_date", "title")
    )
    if not editions and not request.user.is_staff:
        raise Http404(f"This {name} has no public edition.")
    return render(request, template, {name: obj, "editions": editions})


def host_detail(request, slug):
    return _taking_part(request, Host, slug, "events/host_detail.html", "host")


def partner_detail(request, slug):
    return _taking_part(request, Partner, slug, "events/partner_detail.html", "partner")


def speaker_detail(request, slug):
    return _taking_part(request, Speaker, slug, "events/speaker_detail.html", "speaker")
