"""The registration desk's models, one module per topic."""

from .questions import Answer, AnswerChoice, Question, QuestionChoice, QuestionKind  # noqa: F401
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
