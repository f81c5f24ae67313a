"""The registration desk in the admin: the edition's counts, and the registrations themselves."""

from . import editions, registrations

__all__ = ["editions", "registrations"]
