import re

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from cmr_site.health import healthz
from events.views.site import media

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Before the admin's own, whose last pattern catches every address under it.
    path(settings.ADMIN_URL, include("desk.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
    re_path(rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.+)$", media, name="media"),
    path("", include("attendance.urls")),
    path("", include("attendance.certificate_urls")),
    path("", include("registrations.urls")),
    path("", include("feedback.urls")),
    path("", include("hosting.urls")),
    path("", include("alerts.urls")),
    path("", include("events.urls")),
]
