"""One outgoing e-mail row, the base of every app's outbox (registrations, applications, alerts)."""

from datetime import timedelta

from django.db import models
from django.db.models import Q
from django.utils import timezone

# A second request within this time is the same form sent twice, or a person impatient for the
# first e-mail: the message already on its way serves both, and nobody's inbox fills up.
RESEND_AFTER = timedelta(minutes=5)


def due_index(name):
    """The index delivery's due() and sweep read: unsent rows that have not failed, by next attempt."""
    return models.Index(fields=["next_attempt_at"], name=name, condition=Q(sent_at=None, failed_at=None))


class OutgoingMessage(models.Model):
    """One e-mail to one person, queued once and marked when the server took it (mail.delivery).

    A subclass names its recipient (`recipient`) and what the message is (`topic`), and gives its
    Meta the due index under its own name: `indexes = [due_index("message_due")]`.
    """

    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    # Delivery's state: when it may be tried next, or held by a sender until then; when it
    # failed for good (a 5xx refusal), after which it is never tried again.
    next_attempt_at = models.DateTimeField(default=timezone.now)
    failed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.topic} to {self.recipient}"

    @property
    def topic(self):
        return self.get_kind_display()
