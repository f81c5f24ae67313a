"""The request counters of common.limits, when no Redis is configured."""

from django.db import models


class RequestCount(models.Model):
    """Requests of one client address, or for one e-mail address, in one hour.

    The key is a digest, so the table holds no e-mail address; rows of past hours are deleted
    as new hours begin.
    """

    key = models.CharField(max_length=64, primary_key=True)
    hour = models.PositiveBigIntegerField(db_index=True)
    hits = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.hits} in hour {self.hour}"
