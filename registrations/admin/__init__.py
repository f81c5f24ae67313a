"""The registration desk in the admin: the edition's counts and questions, and the registrations."""

from . import editions, questions, registrations

__all__ = ["editions", "questions", "registrations"]
