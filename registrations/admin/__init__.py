"""The registration desk in the admin: the edition's counts, and the registrations themselves."""

from . import announcements, editions, registrations

__all__ = ["announcements", "editions", "registrations"]
