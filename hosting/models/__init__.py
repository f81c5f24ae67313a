"""Hosting's models by topic: applications to host (with the page's text and cut-offs), and alerts."""

from .alerts import Alert, Subscription
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

__all__ = [
    "DEFAULT_BODY",
    "APPLICANT_KINDS",
    "DEFAULT_TITLE",
    "Alert",
    "Application",
    "ApplicationMessage",
    "ApplicationStatus",
    "CutOff",
    "HostingPage",
    "LettersStorage",
    "Review",
    "Subscription",
    "local_time",
    "new_reference",
]
