import re

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.http import Http404, HttpResponse
from django.urls import include, path, re_path
from django.views.decorators.http import require_safe
from django.views.static import serve

from events.sitemaps import SITEMAPS
from events.urls import public

from .health import healthz

admin.site.site_header = "Clusters meet Regions — organisers"
admin.site.site_title = "Clusters meet Regions admin"
admin.site.site_url = "/"
admin.site.index_title = "Editions, hosts, partners and summaries"


def media(request, path):
    """Uploads, for a site without a reverse proxy in front (SERVE_MEDIA).

    Only images and PDFs are ever accepted, served with the type of their
    extension; SecurityMiddleware adds X-Content-Type-Options: nosniff.
    """
    if not settings.SERVE_MEDIA:
        raise Http404("Media files are served by the reverse proxy.")
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def robots_txt(request):
    lines = ["User-agent: *", "Allow: /", f"Sitemap: {settings.SITE_URL}/sitemap.xml", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("robots.txt", require_safe(robots_txt), name="robots-txt"),
    path("sitemap.xml", public(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path(settings.ADMIN_URL, admin.site.urls),
    re_path(rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.+)$", media, name="media"),
    path("", include("events.urls")),
]

if settings.BENCH_FLOOR:
    # The framework's floor for `make bench`: no template, no query.
    urlpatterns.insert(0, path("bench/floor/", lambda request: HttpResponse("ok", content_type="text/plain")))
