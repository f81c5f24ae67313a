"""Certificates of attendance: who may have one, what it says, and how a reader checks it.

A certificate is for a registrant checked in on at least one day of an edition that is over, and
never for an anonymised registration. It carries a verification code: the registration's
`link_key` signed with its own salt (untimed, so a certificate printed years ago still reads as
this site's). The verification page finds the row by that key; nothing else is stored, so a
certificate can be checked only while the site still holds the person's name: until their
registration is anonymised (REGISTRATION_RETENTION_DAYS after the edition ends, see
registrations_retention) or they delete their data. After that the page says so, rather than
calling a genuine certificate false.
"""

import dataclasses
import enum
from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils.text import slugify
from django.utils.timezone import localdate
from django.utils.timezone import now as utc_now

from common.tokens import is_genuine, row_from_token, sign
from common.when import dates_text
from registrations.models import Registration

SALT = "attendance.certificate"
TITLE = "Certificate of attendance"
SERIES = "Clusters meet Regions"
PLATFORM = "European Cluster Collaboration Platform"


def _attendances(registration):
    """Check-ins on the edition's days: one recorded before its dates were moved does not count."""
    edition = registration.edition
    return registration.attendances.filter(day__range=(edition.start_date, edition.end_date))


def is_eligible(registration, now=None):
    """The one rule: the edition is over, the person was there on a day, and still has a name here."""
    return (
        registration.anonymised_at is None
        and registration.edition.is_over(now)
        and _attendances(registration).exists()
    )


def days_attended(registration):
    """The edition's days the person was checked in on, first to last."""
    return sorted(set(_attendances(registration).values_list("day", flat=True)))


def verifiable_until(edition):
    """The last day the verification page can confirm a certificate: the retention command
    anonymises registrations REGISTRATION_RETENTION_DAYS after the edition ends."""
    end = edition.ends_at + timedelta(days=settings.REGISTRATION_RETENTION_DAYS)
    return localdate(end, edition.tz) - timedelta(days=1)


def code(registration):
    return sign(registration.link_key, salt=SALT, timed=False)


def verification_url(registration):
    return settings.SITE_URL + reverse("certificates:verify", args=[code(registration)])


def download_url(registration):
    return reverse("certificates:download", args=[registration.manage_token()])


def filename(registration):
    # ASCII only, whatever the slug holds: a header's quoted filename takes nothing else safely. The
    # person's name is left out, as it would need transliterating ("Łukasz" is not ASCII).
    return f"certificate-of-attendance-{slugify(registration.edition.slug)}.pdf"


# ---- Words ----


def day_text(day):
    return f"{day.day} {day:%B %Y}"


def place_text(edition):
    """Where it was: "Kraków, Poland", "Online", or "Kraków, Poland, and online" for a hybrid one."""
    if edition.is_online:
        return "Online"
    if edition.is_hybrid:
        return f"{edition.place}, and online"
    return edition.place


def days_text(edition, days):
    """Which days the person attended, said briefly when it is every day."""
    total = len(edition.days)
    if total == 1:
        return f"Attended on {day_text(days[0])}"
    if len(days) == total:
        if total == 2:
            return "Attended both days"
        return f"Attended all {total} days"
    # "days" agrees with the total, two or more here: "1 of 2 days", "2 of 3 days".
    listed = ", ".join(day_text(day) for day in days)
    return f"Attended {len(days)} of {total} days: {listed}"


@dataclasses.dataclass(frozen=True)
class Content:
    """Everything a certificate says, as plain text (the PDF draws it; tests read it back)."""

    name: str
    organisation: str
    edition: str
    dates: str
    place: str
    days: str
    issued: str
    verification_url: str
    verifiable_until: str
    organiser: str


def content(registration, identity, now=None):
    """What `registration`'s certificate says; `identity` is the organisers' SiteIdentity."""
    edition = registration.edition
    return Content(
        name=registration.name,
        organisation=registration.organisation,
        edition=edition.title,
        dates=dates_text(edition),
        place=place_text(edition),
        days=days_text(edition, days_attended(registration)),
        issued=day_text(localdate(now or utc_now(), edition.tz)),
        verification_url=verification_url(registration),
        verifiable_until=day_text(verifiable_until(edition)),
        # The organisers name themselves in the logo's alternative text (events.SiteIdentity).
        organiser=identity.logo_alt.strip() if identity.logo else "",
    )


# ---- Checking a certificate ----


class State(enum.Enum):
    GENUINE = "genuine"
    GONE = "gone"
    NOT_GENUINE = "not genuine"


@dataclasses.dataclass(frozen=True)
class Verification:
    state: State
    registration: Registration | None = None
    days: str = ""

    @property
    def is_genuine(self):
        return self.state is State.GENUINE

    @property
    def is_gone(self):
        return self.state is State.GONE

    @property
    def status_code(self):
        return {State.GENUINE: 200, State.GONE: 410, State.NOT_GENUINE: 404}[self.state]


def verify(certificate_code, now=None):
    """What the verification page says about `certificate_code`.

    Genuine: this site signed it and the person, still named here, attended an edition that is
    over. Gone: this site signed it, but the registration has since been anonymised or deleted.
    Anything else (a forged or altered code, or one whose attendance was undone) is not genuine.
    """
    registration = row_from_token(
        Registration.objects.select_related("edition"), certificate_code, salt=SALT, timed=False
    )
    if registration is None:
        signed_here = is_genuine(certificate_code, salt=SALT)
        return Verification(State.GONE if signed_here else State.NOT_GENUINE)
    if registration.anonymised_at is not None:
        return Verification(State.GONE)
    if not is_eligible(registration, now):
        return Verification(State.NOT_GENUINE)
    days = days_text(registration.edition, days_attended(registration))
    return Verification(State.GENUINE, registration, days)


# ---- The registrant's own page ----


@dataclasses.dataclass(frozen=True)
class Offer:
    """What the registrant's page says about a certificate: a link (`url`) once there is one, or
    the day it becomes available (`available_after`) while the edition is still on."""

    url: str = ""
    available_after: str = ""
    verifiable_until: str = ""


def offer(registration, now=None):
    """None when the person has no certificate to come (not checked in, or anonymised)."""
    if registration.anonymised_at is not None or not _attendances(registration).exists():
        return None
    edition = registration.edition
    if not edition.is_over(now):
        return Offer(available_after=day_text(edition.end_date))
    return Offer(url=download_url(registration), verifiable_until=day_text(verifiable_until(edition)))
