from django.urls import path

from events.caching import public

from . import alert_views, views

app_name = "hosting"

urlpatterns = [
    path("host/", public(views.host), name="host"),
    path("host/calls/<int:pk>/apply/", views.apply, name="apply"),
    path("host/confirm/<str:token>/", views.confirm, name="confirm"),
    path("host/letters/<int:pk>/", views.support_letter, name="support-letter"),
    path("alerts/", public(alert_views.alerts_page), name="alerts"),
    path("alerts/subscribe/", alert_views.subscribe, name="alerts-subscribe"),
    path("alerts/confirm/<str:token>/", alert_views.confirm, name="alerts-confirm"),
    path("alerts/<str:token>/", alert_views.manage, name="alerts-manage"),
    path("alerts/<str:token>/unsubscribe/", alert_views.unsubscribe, name="alerts-unsubscribe"),
]
