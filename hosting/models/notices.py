"""The organisers hear at once of a new application to host: one e-mail to each of them."""

from django.conf import settings
from django.db import models

from mail.models import OutgoingMessage, due_index

from .applications import Application


class ApplicationNotice(OutgoingMessage):
    """One e-mail to one organiser about an application confirmed by its applicant: once each."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notices")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="application_notices"
    )

    class Meta(OutgoingMessage.Meta):
        constraints = [
            models.UniqueConstraint(fields=["application", "user"], name="application_notice_once"),
        ]
        indexes = [due_index("application_notice_due")]

    @property
    def topic(self):
        return "New application"

    @property
    def recipient(self):
        return self.user.email
