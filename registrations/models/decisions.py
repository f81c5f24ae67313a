"""The history of decisions about a registrant: what was decided, by whom, and when.

Written by flow.py and places.py in the transaction that makes the change, so a status never
changes without its line here. It is part of the person's data: deleted with the registration
and when it is anonymised (registrations_retention).
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Q

from .registrations import Registration, RegistrationStatus


class Outcome(models.TextChoices):
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"
    WAITING = "waiting", "Put on the waiting list"
    OFFERED = "offered", "Offered a free place"
    CANCELLED = "cancelled", "Cancelled"
    LAPSED = "lapsed", "Offer lapsed"


# The outcome a row's new status records (a lapse leaves it cancelled too: the caller names it).
OUTCOME_OF = {
    RegistrationStatus.APPROVED: Outcome.APPROVED,
    RegistrationStatus.DECLINED: Outcome.DECLINED,
    RegistrationStatus.WAITING: Outcome.WAITING,
    RegistrationStatus.OFFERED: Outcome.OFFERED,
    RegistrationStatus.CANCELLED: Outcome.CANCELLED,
}


class DecidedBy(models.TextChoices):
    STAFF = "staff", "Staff"
    REGISTRANT = "registrant", "The registrant"
    SITE = "site", "The site"


@dataclass(frozen=True)
class Actor:
    """Who decides: a staff user (`Actor.staff(user)`), the registrant, or the site on its own."""

    by: str
    user: object = None

    @classmethod
    def staff(cls, user):
        return cls(DecidedBy.STAFF, user)


REGISTRANT = Actor(DecidedBy.REGISTRANT)
SITE = Actor(DecidedBy.SITE)


class DecisionQuerySet(models.QuerySet):
    def record(self, rows, actor, at, outcome=None):
        """One line per row, in one INSERT: `outcome`, or what each row's status now says."""
        return self.bulk_create(
            Decision(
                registration_id=row.pk,
                outcome=outcome or OUTCOME_OF[row.status],
                by=actor.by,
                user=actor.user,
                at=at,
            )
            for row in rows
        )


class Decision(models.Model):
    Outcome = Outcome
    DecidedBy = DecidedBy

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="decisions")
    outcome = models.CharField("decision", max_length=16, choices=Outcome.choices)
    by = models.CharField(max_length=16, choices=DecidedBy.choices)
    # The staff account; kept empty when it is deleted later, the line still says "Staff".
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registration_decisions",
    )
    at = models.DateTimeField("when")

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(outcome__in=Outcome.values), name="decision_outcome_valid"),
            models.CheckConstraint(condition=Q(by__in=DecidedBy.values), name="decision_by_valid"),
            models.CheckConstraint(
                condition=Q(by=DecidedBy.STAFF) | Q(user__isnull=True), name="decision_user_is_staff"
            ),
        ]

    def __str__(self):
        return f"{self.get_outcome_display()} by {self.who}"

    @property
    def who(self):
        if self.by != DecidedBy.STAFF:
            return self.get_by_display().lower()
        if self.user is None:
            return "a staff account since deleted"
        return self.user.get_full_name() or self.user.get_username()
