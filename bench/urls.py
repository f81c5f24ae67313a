from django.urls import include, path

from .views import floor

urlpatterns = [
    path("bench/floor/", floor, name="bench-floor"),
    path("", include("cmr_site.urls")),
]
