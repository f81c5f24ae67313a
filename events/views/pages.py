"""The upcoming page, the archive, an edition, its summary and a series."""

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from events.imagery.media import available

from ..forms import ArchiveFilterForm
from ..imagery import europe_map, share_images
from ..models import CallForHosts, Edition, Series, Summary
from ..structured_data import event_data, json_ld

ARCHIVE_PAGE_SIZE = 50
ALONGSIDE = 12
# The close-up of the map beside an edition's venue, in the map's units (it is 1,000 wide).
PLACE_MAP_WIDTH = 400
# The narrowest it is drawn, in CSS pixels (a phone's column; beside the venue, from 60rem, it is wider):
# its label is europe_map.LABEL_PX there.
PLACE_MAP_NARROWEST_PX = 300


def upcoming(request):
    now = timezone.now()
    editions = list(Edition.objects.published().upcoming(now).for_listing())
    # Postponed and cancelled editions are listed too, but only one going ahead is "the next edition".
    featured = next((e for e in editions if e.is_going_ahead), None)
    held = Edition.objects.published().going_ahead().past(now)
    return render(
        request,
        "events/upcoming.html",
        {
            "featured": featured,
            "featured_registration_open": featured is not None and featured.registration_is_open(now),
            "others": [e for e in editions if e is not featured],
            "open_calls": CallForHosts.objects.open(now).select_related("series"),
            # What the home page stands on when nothing is scheduled: the latest held edition and the record.
            "latest": held.select_related("series", "summary").first(),
            # The record is the main series' own: other series' workshops and talks are not its editions.
            "figures": held.of_main_series().figures(),
            "map": europe_map.context(held.of_main_series()),
        },
    )


def archive(request):
    past = Edition.objects.published().past()
    form = ArchiveFilterForm(request.GET or None, editions=past)
    if form.is_bound and not form.is_valid():
        return render(request, "events/archive.html", {"form": form, "page": None}, status=400)
    chosen = form.filter(past) if form.is_bound else past
    paginator = Paginator(chosen.for_listing(), ARCHIVE_PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage as e:
        raise Http404("No such page of the archive.") from e
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "events/archive.html",
        {
            "form": form,
            "page": page,
            "filter_query": query.urlencode(),
            "map": europe_map.context(chosen),
        },
    )


def edition_detail(request, slug):
    edition = get_object_or_404(Edition.objects.visible_to(request.user).for_page(), slug=slug)
    now = timezone.now()
    image_url = settings.SITE_URL + edition.hero_fallback.url if available(edition.hero_image) else None
    is_over = edition.is_over(now)
    return render(
        request,
        "events/edition_detail.html",
        {
            "edition": edition,
            "is_preview": not edition.is_public,
            "is_over": is_over,
            "registration": edition.registration_state(now),
            "agenda_first": edition.registration_is_open(now),
            # A count as of the page's render: the cache keeps it at most a few minutes, and the
            # registration form, never cached, says the places left at that moment.
            "free_places": edition.free_places() if edition.registration_is_open(now) else None,
            "summary_first": is_over and edition.has_summary and edition.summary.has_content,
            # Once an edition is over, its page leads with what it left and points ahead.
            "coming_up": Edition.objects.next_in(edition.series_id, now) if is_over else None,
            "image_url": image_url,
            "share_image_url": settings.SITE_URL + reverse("events:edition-share-png", args=[edition.slug]),
            "event_json_ld": json_ld(event_data(edition, site_url=settings.SITE_URL, image_url=image_url)),
            **_more_editions(edition),
            "place_map": _place_map(edition),
            "previous_edition": edition.neighbour(before=True),
            "next_edition": edition.neighbour(before=False),
        },
    )


def _more_editions(edition):
    """Most of the archive is a title and a place: its page leads on to its country, then its year."""
    others = list(
        Edition.objects.published()
        .alongside(edition)
        .only("title", "slug", "start_date", "end_date", "country")
    )
    in_country = [e for e in others if edition.country and e.country == edition.country]
    in_year = [e for e in others if e not in in_country]
    return {"in_country": in_country[:ALONGSIDE], "in_year": in_year[:ALONGSIDE]}


def _place_map(edition):
    """A close-up of the map of Europe around the edition's place, or None where it is not located.

    The whole map drawn in the aside's width would shrink its label below 12 px; a window a
    fifth of its width keeps the land around the place legible and the label large.
    """
    markers = europe_map.markers([edition])
    if not markers:
        return None
    marker = markers[0]
    width, height = PLACE_MAP_WIDTH, PLACE_MAP_WIDTH * 3 // 4
    left = min(max(marker.x - width / 2, 0), europe_map.WIDTH - width)
    top = min(max(marker.y - height / 2, 0), europe_map.HEIGHT - height)
    view = (left, top, left + width, top + height)
    size = europe_map.label_size(width, PLACE_MAP_NARROWEST_PX)
    # One place alone: the same label on phones and wider screens.
    (marker.wide,) = (marker.narrow,) = europe_map.place_labels(markers, size, view)
    return {
        "marker": marker,
        "viewbox": f"{left:.0f} {top:.0f} {width} {height}",
        "width": width,
        "height": height,
    }


def summary_detail(request, slug):
    summary = get_object_or_404(
        Summary.objects.visible_to(request.user)
        .select_related("edition__series")
        .prefetch_related("recordings"),
        edition__slug=slug,
    )
    if not summary.has_content:
        # The seeds record that a summary was published elsewhere; a page here would only say it is empty.
        raise Http404("This summary has nothing on this site yet.")
    return render(
        request,
        "events/summary_detail.html",
        {
            "summary": summary,
            "edition": summary.edition,
            "is_preview": not summary.edition.is_public,
        },
    )


def series_detail(request, slug):
    series = get_object_or_404(Series, slug=slug)
    editions = Edition.objects.published().filter(series=series).for_listing()
    now = timezone.now()
    return render(
        request,
        "events/series_detail.html",
        {
            "series": series,
            "upcoming": editions.upcoming(now),
            "past": editions.past(now),
            # Held: over and not cancelled; the page is cached, so the aggregate runs once per edit.
            "record": editions.past(now).exclude(status=Edition.Status.CANCELLED).in_figures(),
            # Every call of the series, open or closed: how its editions came to their hosts.
            "calls": series.calls_for_hosts.with_is_open(now).newest_first(),
        },
    )


def share_png(request, slug):
    """The edition's share image (events/imagery/share_images.py): drawn once per version, then from media."""
    edition = get_object_or_404(Edition.objects.published().select_related("series"), slug=slug)
    data, _ = share_images.share_image(edition)
    response = HttpResponse(data, content_type="image/png")
    # The address stays the same across versions: caches check back daily.
    response["Cache-Control"] = "public, max-age=86400"
    return response
