from django.urls import path

from events.urls import public

from . import views

app_name = "hosting"

urlpatterns = [
    path("host/", public(views.host), name="host"),
]
