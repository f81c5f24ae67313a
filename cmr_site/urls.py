from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Clusters meet Regions — organisers"
admin.site.site_title = "Clusters meet Regions admin"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("events.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
