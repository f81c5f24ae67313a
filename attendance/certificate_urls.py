from django.urls import path

from . import certificate_views

app_name = "certificates"

urlpatterns = [
    path("registrations/<str:token>/certificate.pdf", certificate_views.download, name="download"),
    path("certificates/<str:code>/", certificate_views.verify, name="verify"),
]
