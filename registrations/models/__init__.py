"""The registration desk's models, one module per topic."""

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
    "HOLDS_PLACE",
    "REGISTRANT_KINDS",
    "Message",
    "MessageKind",
    "Registration",
    "RegistrationQuerySet",
    "RegistrationStatus",
]
