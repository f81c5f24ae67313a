from django.urls import path

from events.caching import public

from . import views

app_name = "alerts"

urlpatterns = [
    path("alerts/", public(views.alerts_page), name="sign-up"),
    path("alerts/subscribe/", views.subscribe, name="subscribe"),
    path("alerts/confirm/<str:token>/", views.Confirm.as_view(), name="confirm"),
    path("alerts/<str:token>/", views.manage, name="manage"),
    path("alerts/<str:token>/unsubscribe/", views.unsubscribe, name="unsubscribe"),
]
