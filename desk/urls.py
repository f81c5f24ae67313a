"""The password pages, under the admin's address; the names are the ones Django's templates use
(the admin's login offers "Forgotten your password?" once admin_password_reset exists)."""

from django.urls import path

from . import passwords

urlpatterns = [
    path("password_reset/", passwords.PasswordResetView.as_view(), name="admin_password_reset"),
    path("password_reset/done/", passwords.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "reset/<uidb64>/<token>/", passwords.PasswordResetConfirmView.as_view(), name="password_reset_confirm"
    ),
    path("reset/done/", passwords.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
