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


class RegistrationMode(models.TextChoices):
    NONE = "none", "No registration"
    # The default, as before this choice existed: a registration URL if one is given.
    EXTERNAL = "external", "On another site (the registration URL)"
    ON_SITE = "on_site", "On this site"


class Approval(models.TextChoices):
    AUTOMATIC = "automatic", "Automatic, while places last"
    INDIVIDUAL = "individual", "Individually, by the organisers"
