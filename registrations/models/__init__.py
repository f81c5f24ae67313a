"""The registration desk's models, one module per topic."""

from .decisions import REGISTRANT, SITE, Actor, Decision
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
    "REGISTRANT",
    "SITE",
    "Actor",
    "Decision",
    "HOLDS_PLACE",
    "REGISTRANT_KINDS",
    "Message",
    "MessageKind",
    "Registration",
    "RegistrationQuerySet",
    "RegistrationStatus",
]
