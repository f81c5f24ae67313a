"""Creates an organiser: a staff user in the "Organisers" group.

The group holds what desk.roles gives organisers, and nothing else: not users, groups, the
lock-out records or the admin log. Running the command again brings the role groups'
permissions back to exactly that set.
"""

import getpass
import os

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from desk.roles import sync_groups
from events.roles import ORGANISERS

PASSWORD_VARIABLE = "ORGANISER_PASSWORD"  # noqa: S105 - the name of a variable, not a password


class Command(BaseCommand):
    help = "Create (or update) an organiser account in the Organisers group, and the group itself."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help=f"Take the password from ${PASSWORD_VARIABLE} instead of asking.",
        )

    @transaction.atomic
    def handle(self, username, email, interactive, **options):
        group = sync_groups(Group, Permission)[ORGANISERS]
        user_model = get_user_model()
        user, created = user_model.objects.get_or_create(username=username, defaults={"email": email})
        if email:
            user.email = email
        user.is_staff = True
        if created or os.environ.get(PASSWORD_VARIABLE) or interactive:
            user.set_password(self._password(user, interactive))
        user.save()
        user.groups.add(group)
        verb = "Created" if created else "Updated"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} organiser {username!r}; the {ORGANISERS} group has "
                f"{group.permissions.count()} permissions."
            )
        )

    def _password(self, user, interactive):
        password = os.environ.get(PASSWORD_VARIABLE)
        if not password:
            if not interactive:
                raise CommandError(f"Set {PASSWORD_VARIABLE} in the environment, or leave out --no-input.")
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The two passwords differ.")
        try:
            password_validation.validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        return password
