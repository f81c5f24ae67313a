"""Hosting's models: applications to host, with the page's text and cut-offs."""

from .applications import (
    APPLICANT_KINDS,
    DEFAULT_BODY,
    DEFAULT_TITLE,
    Application,
    ApplicationMessage,
    ApplicationStatus,
    CutOff,
    HostingPage,
    LettersStorage,
    Review,
    local_time,
    new_reference,
)
from .notices import ApplicationNotice

__all__ = [
    "DEFAULT_BODY",
    "APPLICANT_KINDS",
    "DEFAULT_TITLE",
    "Application",
    "ApplicationMessage",
    "ApplicationNotice",
    "ApplicationStatus",
    "CutOff",
    "HostingPage",
    "LettersStorage",
    "Review",
    "local_time",
    "new_reference",
]
