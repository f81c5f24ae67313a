"""The registration desk's models, one module per topic."""

from .announcements import Announcement, AnnouncementMessage, Audience
from .decisions import REGISTRANT, SITE, Actor, Decision
from .questions import Answer, AnswerChoice, Question, QuestionChoice, QuestionKind
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
    "Answer",
    "AnswerChoice",
    "Question",
    "QuestionChoice",
    "QuestionKind",
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
