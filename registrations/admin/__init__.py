"""The registration desk in the admin: the edition's counts, and the registrations themselves."""

from . import decisions, editions, registrations

__all__ = ["decisions", "editions", "registrations"]
