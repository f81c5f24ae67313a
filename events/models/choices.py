"""The states and formats of an edition; the database refuses any other value (Edition.Meta)."""

import enum

from django.db import models


class EditionStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    POSTPONED = "postponed", "Postponed"
    CANCELLED = "cancelled", "Cancelled"


class RegistrationState(enum.Enum):
    """What visitors are told about registering; templates ask the properties."""

    OPEN = "open"
    CLOSED = "closed"
    NOT_OPEN_YET = "not_open_yet"

    @property
    def is_open(self):
        return self is RegistrationState.OPEN

    @property
    def is_closed(self):
        return self is RegistrationState.CLOSED


class EditionFormat(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"
    HYBRID = "hybrid", "Hybrid"
