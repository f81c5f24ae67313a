from django.urls import path

from . import views

app_name = "attendance"

urlpatterns = [
    path("check-in/<str:token>/", views.check_in_link, name="check-in"),
]
