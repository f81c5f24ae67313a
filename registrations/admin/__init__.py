"""The registration desk in the admin: the edition's counts and questions, and the registrations."""

from . import decisions, editions, questions, registrations

__all__ = ["decisions", "editions", "questions", "registrations"]
