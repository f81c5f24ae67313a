"""The states and formats of an edition, and the kinds of organisation; the database refuses any
other value (each model's Meta)."""

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


class OrganisationKind(models.TextChoices):
    """Every kind of organisation the site records: hosts, applications to host, registrations.

    One list, so a host made from an accepted application keeps the application's kind. Each
    model offers its own subset in its own order (HOST_ORGANISATION_KINDS, hosting's APPLICANT_KINDS,
    registrations' REGISTRANT_KINDS), and its constraint admits that subset only.
    """

    REGION = "region", "Region"
    AUTHORITY = "authority", "Local or regional authority"
    PUBLIC_AUTHORITY = "public_authority", "Public authority"
    CLUSTER = "cluster", "Cluster organisation"
    DEVELOPMENT_AGENCY = "development_agency", "Development agency"
    INNOVATION_AGENCY = "innovation_agency", "Innovation agency"
    AGENCY = "agency", "Agency"
    BUSINESS_NETWORK = "business_network", "Business network organisation"
    SME_INTERMEDIARY = "sme_intermediary", "Other small and medium-sized enterprise (SME) intermediary"
    COMPANY = "company", "Company"
    OTHER = "other", "Other"

    @classmethod
    def subset(cls, kinds):
        """The choices of a field or form that offers only `kinds`, in their order."""
        return [(kind.value, kind.label) for kind in kinds]
