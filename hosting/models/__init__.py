"""Hosting's models: applications to host, with the page's text and cut-offs."""

from .applications import (
    DEFAULT_BODY,
    DEFAULT_TITLE,
    Application,
    ApplicationMessage,
    ApplicationStatus,
    CutOff,
    HostingPage,
    LettersStorage,
    OrganisationKind,
    Review,
    local_time,
    new_reference,
)

__all__ = [
    "DEFAULT_BODY",
    "DEFAULT_TITLE",
    "Application",
    "ApplicationMessage",
    "ApplicationStatus",
    "CutOff",
    "HostingPage",
    "LettersStorage",
    "OrganisationKind",
    "Review",
    "local_time",
    "new_reference",
]
