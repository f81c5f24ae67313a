"""Hosting's models by topic: applications to host (with the page's text and cut-offs), and alerts."""

from .alerts import Alert, Subscription
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
    "Alert",
    "Application",
    "ApplicationMessage",
    "ApplicationStatus",
    "CutOff",
    "HostingPage",
    "LettersStorage",
    "OrganisationKind",
    "Review",
    "Subscription",
    "local_time",
    "new_reference",
]
