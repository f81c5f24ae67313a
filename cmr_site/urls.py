import re

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from cmr_site.health import healthz
from events.views.site import media

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path(settings.ADMIN_URL, admin.site.urls),
    re_path(rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.+)$", media, name="media"),
    path("", include("registrations.urls")),
    path("", include("hosting.urls")),
    path("", include("alerts.urls")),
    path("", include("events.urls")),
]
