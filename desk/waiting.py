"""What waits for a person who runs editions: the admin's index shows it, the daily digest sends it.

Per edition the person manages (Edition.objects.managed_by) whose registration on this site is
current: requests awaiting approval, e-mails not delivered, places left and people waiting; for
organisers, the confirmed applications to host awaiting review. Each figure links to the admin's
list it counts, filtered. One query for the editions' figures (registrations.figures), one for
the applications, whatever the number of editions.
"""

from dataclasses import asdict, dataclass, field

from django.urls import reverse
from django.utils.translation import ngettext

from common.when import dates_text
from events.models import Edition
from events.roles import is_organiser
from hosting.models import Application
from registrations import figures
from registrations.models import Registration

Status = Registration.Status


@dataclass(frozen=True)
class Figure:
    text: str  # "3 requests awaiting approval"
    url: str  # the admin's filtered list, a path
    # Whether it asks for something to be done: only these make a digest worth sending.
    to_do: bool = True


@dataclass(frozen=True)
class EditionFigures:
    title: str
    dates: str
    url: str  # the edition in the admin
    figures: list[Figure] = field(default_factory=list)

    @property
    def to_do(self):
        return any(figure.to_do for figure in self.figures)


@dataclass(frozen=True)
class Waiting:
    editions: list[EditionFigures]
    # The confirmed applications to host awaiting review: for organisers, None for others.
    applications: Figure | None = None

    @property
    def to_do(self):
        """Something asks for the person: the digest is sent only then."""
        return any(e.to_do for e in self.editions) or bool(self.applications and self.applications.to_do)

    def to_do_only(self):
        """The digest's part: the editions with something to do, and the applications if any."""
        editions = [e for e in self.editions if e.to_do]
        applications = self.applications if self.applications and self.applications.to_do else None
        return Waiting(editions, applications)

    def as_data(self):
        return asdict(self)

    @classmethod
    def from_data(cls, data):
        editions = [
            EditionFigures(**{**e, "figures": [Figure(**f) for f in e["figures"]]}) for e in data["editions"]
        ]
        applications = Figure(**data["applications"]) if data.get("applications") else None
        return cls(editions, applications)


def _counted(count, one, many, none=None):
    """The count in words ("1 place left", "2,400 places left"), and `none` rather than a 0."""
    if count == 0 and none:
        return none
    return ngettext(one, many, count) % {"count": f"{count:,}"}


def _edition_figures(edition):
    def listed(text, to_do=True, **filters):
        return Figure(text, figures.admin_list_url(edition.pk, **filters), to_do)

    shown = []
    if edition.pending:
        text = _counted(
            edition.pending, "%(count)s request awaiting approval", "%(count)s requests awaiting approval"
        )
        shown.append(listed(text, status__exact=Status.PENDING))
    if edition.failed:
        text = _counted(edition.failed, "%(count)s e-mail not delivered", "%(count)s e-mails not delivered")
        shown.append(listed(text, delivery="failed"))
    places = _counted(edition.places_left, "%(count)s place left", "%(count)s places left", "No places left")
    shown.append(listed(places, to_do=False, status__exact=Status.APPROVED))
    if edition.waiting:
        text = _counted(edition.waiting, "%(count)s person waiting", "%(count)s people waiting")
        shown.append(listed(text, to_do=False, status__exact=Status.WAITING))
    return EditionFigures(
        title=edition.title,
        dates=dates_text(edition),
        url=reverse("admin:events_edition_change", args=[edition.pk]),
        figures=shown,
    )


def awaiting_review():
    return Application.objects.filter(confirmed_at__isnull=False, status=Application.Status.SUBMITTED)


def waiting_for(user, now=None):
    """What waits for `user`, as far as their permissions let them see it in the admin."""
    editions = []
    if user.has_perm("registrations.view_registration"):
        rows = figures.current(Edition.objects.managed_by(user), now)
        editions = [_edition_figures(edition) for edition in rows]
    applications = None
    if is_organiser(user) and user.has_perm("hosting.view_application"):
        count = awaiting_review().count()
        url = reverse("admin:hosting_application_changelist")
        applications = Figure(
            _counted(
                count,
                "%(count)s application to host awaiting review",
                "%(count)s applications to host awaiting review",
                "No applications to host awaiting review",
            ),
            f"{url}?status__exact={Application.Status.SUBMITTED}&confirmed=yes",
            to_do=bool(count),
        )
    return Waiting(editions, applications)
