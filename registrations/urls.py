from django.urls import path

from . import views

app_name = "registrations"

urlpatterns = [
    path("editions/<slug:slug>/register/", views.register, name="register"),
    path("registrations/confirm/<str:token>/", views.Confirm.as_view(), name="confirm"),
    path("registrations/<str:token>/", views.manage, name="manage"),
    path("registrations/<str:token>/calendar.ics", views.calendar, name="calendar"),
    path("registrations/<str:token>/cancel/", views.cancel, name="cancel"),
    path("registrations/<str:token>/delete/", views.delete, name="delete"),
]
