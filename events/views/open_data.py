"""The public data of every edition as open data: /editions.json and /editions.csv.

Both carry the same fields in the same stable order (start date, then slug);
README ("Open data") documents each field.
"""

import csv
import io

from django.conf import settings
from django.http import HttpResponse, JsonResponse

from common.text import http_url, spreadsheet_safe

from ..forms import ArchiveFilterForm
from ..models import Edition

FIELDS = [
    "slug", "title", "series", "status", "format", "start_date", "end_date", "start_time",
    "end_time", "timezone", "venue_name", "city", "region", "country", "country_name",
    "latitude", "longitude", "hosts", "partners", "url", "summary_url", "registration_url",
    "updated_at",
]  # fmt: skip
LIST_FIELDS = {"hosts", "partners"}


def chosen_editions(request):
    """The public editions the query's filters choose (those of the archive page), or the form's errors."""
    public = Edition.objects.published()
    form = ArchiveFilterForm(request.GET or None, editions=public)
    if form.is_bound and not form.is_valid():
        return None, form
    # for_open_data() orders by start date and slug, also after a search, whose rank orders the page.
    return (form.filter(public) if form.is_bound else public).for_open_data(), form


def edition_records(editions):
    for e in editions:
        summary = e.summary if e.has_summary else None
        yield {
            "slug": e.slug,
            "title": e.title,
            "series": e.series.name,
            "status": e.status,
            "format": e.format,
            "start_date": e.start_date.isoformat(),
            "end_date": e.end_date.isoformat(),
            "start_time": e.start_time.isoformat("minutes") if e.start_time else None,
            "end_time": e.end_time.isoformat("minutes") if e.end_time else None,
            "timezone": e.timezone,
            "venue_name": e.venue_name,
            "city": e.city,
            "region": e.region,
            "country": e.country.code or None,
            "country_name": e.country.name or None,
            "latitude": float(e.latitude) if e.latitude is not None else None,
            "longitude": float(e.longitude) if e.longitude is not None else None,
            "hosts": [eh.host.name for eh in e.edition_hosts.all()],
            "partners": [p.partner.name for p in e.partnerships.all()],
            "url": settings.SITE_URL + e.get_absolute_url(),
            "summary_url": settings.SITE_URL + summary.get_absolute_url()
            if summary and summary.has_content
            else None,
            "registration_url": http_url(e.registration_href) or None,
            "updated_at": e.updated_at.isoformat(),
        }


def editions_json(request):
    editions, form = chosen_editions(request)
    if editions is None:
        return JsonResponse({"error": form.error_text(), "errors": form.errors}, status=400)
    records = list(edition_records(editions))
    return JsonResponse(
        {"source": settings.SITE_URL, "count": len(records), "fields": FIELDS, "editions": records},
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )


def _cell(name, value):
    if name in LIST_FIELDS and value is not None:
        value = "; ".join(value)
    return spreadsheet_safe(value)


def editions_csv(request):
    editions, form = chosen_editions(request)
    if editions is None:
        return HttpResponse(form.error_text() + "\n", content_type="text/plain; charset=utf-8", status=400)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(FIELDS)
    for record in edition_records(editions):
        writer.writerow([_cell(name, record[name]) for name in FIELDS])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="clusters-meet-regions-editions.csv"'
    return response
