from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.upcoming, name="upcoming"),
    path("editions/", views.archive, name="archive"),
    path("editions/<slug:slug>/", views.edition_detail, name="edition-detail"),
    path("editions/<slug:slug>/summary/", views.summary_detail, name="summary-detail"),
    path("series/<slug:slug>/", views.series_detail, name="series-detail"),
]
