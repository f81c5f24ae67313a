"""The desk's pages under the admin's address: the password pages, whose names are the ones
Django's templates use (the admin's login offers "Forgotten your password?" once
admin_password_reset exists), and the organisers' report, for staff only (admin_view)."""

from django.contrib import admin
from django.urls import path

from . import passwords, report_views

urlpatterns = [
    path("report/", admin.site.admin_view(report_views.report_page), name="desk-report"),
    path("report/<slug:table>.csv", admin.site.admin_view(report_views.report_csv), name="desk-report-csv"),
    path("password_reset/", passwords.PasswordResetView.as_view(), name="admin_password_reset"),
    path("password_reset/done/", passwords.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "reset/<uidb64>/<token>/", passwords.PasswordResetConfirmView.as_view(), name="password_reset_confirm"
    ),
    path("reset/done/", passwords.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
