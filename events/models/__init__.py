"""The events app's models, one module per topic."""

from .calls import CallForHosts, CallForHostsQuerySet
from .choices import (
    Approval,
    EditionFormat,
    EditionStatus,
    OrganisationKind,
    RegistrationMode,
    RegistrationState,
)
from .directory import HOST_ORGANISATION_KINDS, Host, Partner, Series, Speaker, Theme
from .edition_registration import CountryGroup
from .editions import Edition
from .faq import FaqAudience, FaqEntry
from .identity import SiteIdentity
from .programme import AgendaItem, EditionHost, EditionSpeaker, HostRole, PartnerRole, Partnership
from .querysets import EditionQuerySet
from .revision import ContentRevision, new_token
from .site_pages import SitePage
from .summaries import Recording, Summary

__all__ = [
    "AgendaItem",
    "Approval",
    "CallForHosts",
    "CallForHostsQuerySet",
    "ContentRevision",
    "CountryGroup",
    "Edition",
    "EditionFormat",
    "EditionHost",
    "EditionQuerySet",
    "EditionSpeaker",
    "EditionStatus",
    "FaqAudience",
    "FaqEntry",
    "Host",
    "HOST_ORGANISATION_KINDS",
    "HostRole",
    "OrganisationKind",
    "Partner",
    "PartnerRole",
    "RegistrationMode",
    "RegistrationState",
    "Partnership",
    "Recording",
    "Series",
    "SiteIdentity",
    "SitePage",
    "Speaker",
    "Summary",
    "Theme",
    "new_token",
]
