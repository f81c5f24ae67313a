"""Host teams: the people of a host region who run one edition with the organisers.

An organiser adds a person by address and name, from the edition's admin page: an account with
that address is reused, otherwise a staff account is made without a password and invited to set
one. Being on a team is what puts an account in the Host teams group (its permissions, desk.roles),
so leaving the last team takes them away; which editions it reaches is Edition.objects.managed_by.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from events.roles import HOST_TEAMS, is_organiser

from .emails import queue_invitation


def existing_account(email):
    """The account with this address, or None; refused when it cannot be told which one is meant."""
    users = get_user_model().objects
    accounts = list(users.filter(email__iexact=email)[:2])
    if len(accounts) > 1:
        raise ValidationError("Several accounts have this address: ask an administrator to keep one.")
    if accounts:
        return accounts[0]
    # A new account's username is its address, which people remember at the sign-in page.
    username_field = users.model._meta.get_field(users.model.USERNAME_FIELD)
    if len(email) > username_field.max_length:
        raise ValidationError(f"Use an address of at most {username_field.max_length} characters.")
    if users.filter(**{f"{users.model.USERNAME_FIELD}__iexact": email}).exists():
        raise ValidationError("An account with another address has this address as its username.")
    return None


def account_for(email, name):
    """The account a new team member signs in with: theirs if it exists, else a new one, in the team's group.

    A new account has no usable password until its owner sets one through the invitation. The
    whole name goes in first_name: split in two it would be wrong for many names, and
    get_full_name() joins the parts anyway.
    """
    email = email.strip().lower()
    user = existing_account(email)
    if user is None:
        user = get_user_model().objects.create_user(email, email=email, first_name=name.strip())
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    if not is_organiser(user):
        user.groups.add(Group.objects.get(name=HOST_TEAMS))
    return user


def welcome(user, edition):
    """Invites a member who has no password yet (a new account, or one that never set it)."""
    if not user.has_usable_password():
        queue_invitation(user, edition)


def left_team(user):
    """After a removal: an account on no team any more loses the team's permissions."""
    if not user.team_editions.exists():
        user.groups.remove(Group.objects.get(name=HOST_TEAMS))
