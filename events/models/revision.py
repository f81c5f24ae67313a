"""The content revision the page cache is keyed by (see events.caching)."""

import uuid

from django.db import models
from django.utils import timezone


def new_token():
    return uuid.uuid4().hex


class ContentRevision(models.Model):
    """One row that changes with every change of content (see events.caching).

    A random token rather than a counter: a database restored from a backup
    must never match pages cached from different content.
    """

    token = models.CharField(max_length=32, default=new_token)
    changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.token} at {self.changed_at:%Y-%m-%d %H:%M:%S}"
