"""Who runs what: the organisers run the whole series; each edition's host team runs that edition.

One definition, asked everywhere (admin querysets, the index, digests, the public preview of
drafts): is_organiser(user) and Edition.objects.managed_by(user). Which model permissions each
role holds is set by the organisers' desk (the app at the top, which knows every model).
"""

from django.contrib.auth import get_user_model
from django.db.models import Q

ORGANISERS = "Organisers"
HOST_TEAMS = "Host teams"


def is_organiser(user):
    """A superuser, or an active staff member of the Organisers group; remembered per user object."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_is_organiser", None)
    if cached is None:
        cached = user._is_organiser = user.groups.filter(name=ORGANISERS).exists()
    return cached


def organiser_accounts():
    """The organisers one can write to: the accounts is_organiser() admits, with an address."""
    users = get_user_model().objects.filter(is_active=True, is_staff=True).exclude(email="")
    return users.filter(Q(is_superuser=True) | Q(groups__name=ORGANISERS)).distinct()
