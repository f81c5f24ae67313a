"""The registration desk's models, one module per topic."""

from .announcements import Announcement, AnnouncementMessage, Audience
from .registrations import (
    ACTIVE,
    HOLDS_PLACE,
    REGISTRANT_KINDS,
    Message,
    MessageKind,
    Registration,
    RegistrationQuerySet,
    RegistrationStatus,
)

__all__ = [
    "ACTIVE",
    "Announcement",
    "AnnouncementMessage",
    "Audience",
    "HOLDS_PLACE",
    "REGISTRANT_KINDS",
    "Message",
    "MessageKind",
    "Registration",
    "RegistrationQuerySet",
    "RegistrationStatus",
]
