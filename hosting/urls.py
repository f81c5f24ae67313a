from django.urls import path

from events.caching import public

from . import views

app_name = "hosting"

urlpatterns = [
    path("host/", public(views.host), name="host"),
    path("host/calls/<int:pk>/apply/", views.apply, name="apply"),
    path("host/confirm/<str:token>/", views.Confirm.as_view(), name="confirm"),
    path("host/letters/<int:pk>/", views.support_letter, name="support-letter"),
]
