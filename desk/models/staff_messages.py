"""The e-mails to staff about their account: an invitation to a host team, a password reset."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from mail.models import OutgoingMessage, due_index


class StaffMessageKind(models.TextChoices):
    INVITATION = "invitation", "Invitation to a host team"
    PASSWORD_RESET = "password_reset", "Password reset"


class StaffMessage(OutgoingMessage):
    """One e-mail to one staff account, sent by mail.delivery (once, with retries).

    Both kinds carry a set-password link (Django's token generator and password_reset_confirm
    view). The link is made when the e-mail is built, never stored: the row holds no secret, and
    a retry sends a link as fresh as the first. An invitation names its edition, once per person
    and edition however often the team is saved.
    """

    Kind = StaffMessageKind

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_messages"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    edition = models.ForeignKey(
        "events.Edition", on_delete=models.CASCADE, null=True, blank=True, related_name="staff_invitations"
    )

    class Meta(OutgoingMessage.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["user", "edition"],
                condition=Q(kind=StaffMessageKind.INVITATION),
                name="staffmessage_one_invitation",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=StaffMessageKind.values), name="staffmessage_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind=StaffMessageKind.INVITATION, edition__isnull=False)
                | Q(kind=StaffMessageKind.PASSWORD_RESET, edition__isnull=True),
                name="staffmessage_invitation_names_edition",
            ),
        ]
        indexes = [due_index("staffmessage_due")]

    @property
    def recipient(self):
        return self.user.email
