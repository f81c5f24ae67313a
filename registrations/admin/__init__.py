"""The registration desk in the admin: the edition's counts and questions, and the registrations."""

from . import announcements, decisions, editions, questions, registrations

__all__ = ["announcements", "decisions", "editions", "questions", "registrations"]
