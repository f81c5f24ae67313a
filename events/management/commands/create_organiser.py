"""Creates an organiser: a staff user in the "Organisers" group.

The group may add, change, delete and view the site's content (every model of
the events app) and nothing else: not users, groups, the lock-out records or
the admin log. Running the command again brings the group's permissions back
to exactly that set.
"""

import getpass
import os

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

GROUP_NAME = "Organisers"
PASSWORD_VARIABLE = "ORGANISER_PASSWORD"  # noqa: S105 - the name of a variable, not a password


def content_permissions():
    # The historical models of django-simple-history live in the events app
    # too (organisers read history through each model's own permissions), and
    # so does the page cache's ContentRevision, which nobody edits by hand.
    return (
        Permission.objects.filter(content_type__app_label="events")
        .exclude(content_type__model__startswith="historical")
        .exclude(content_type__model="contentrevision")
    )


def organisers_group():
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.set(content_permissions())
    return group


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
        group = organisers_group()
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
                f"{verb} organiser {username!r}; the {GROUP_NAME} group has "
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
