"""Hosts, partners and speakers, each with the public editions they took part in."""

from collections import defaultdict

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from ..models import Edition, EditionHost, Host, Partner, Speaker


def host_list(request):
    """Every place that hosted an edition, by country, with the host organisations where they are recorded.

    The places come from the editions: most of the archive names no host organisation, and a list of
    organisations alone would show one host against sixteen places.
    """
    editions = (
        Edition.objects.hosted()
        .select_related("series")
        .prefetch_related(Prefetch("edition_hosts", queryset=EditionHost.objects.select_related("host")))
        .order_by("start_date", "title")
    )
    places = defaultdict(lambda: defaultdict(list))
    for edition in editions:
        places[edition.country.name][edition.place_in_country].append(edition)
    countries = [(country, sorted(by_place.items())) for country, by_place in sorted(places.items())]
    place_count = sum(len(by_place) for _, by_place in countries)
    return render(request, "events/host_list.html", {"countries": countries, "place_count": place_count})


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
