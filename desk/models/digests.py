"""The daily digest: what waits for one person, sent once a day at most (desk.digests)."""

from django.conf import settings
from django.db import models

from mail.models import OutgoingMessage, due_index


class Digest(OutgoingMessage):
    """One day's e-mail to one organiser or team member (mail.OutgoingMessage): once per person and day."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digests")
    # The day in the organisers' zone (DIGEST_TIME_ZONE) it is that day's digest of.
    day = models.DateField()
    # What waited when it was queued (desk.waiting.Waiting.as_data()): a retry hours later still
    # says what the morning's digest said.
    waiting = models.JSONField()

    class Meta(OutgoingMessage.Meta):
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="digest_once_a_day")]
        indexes = [due_index("digest_due")]

    @property
    def topic(self):
        return f"Digest of {self.day:%Y-%m-%d}"

    @property
    def recipient(self):
        return self.user.email
