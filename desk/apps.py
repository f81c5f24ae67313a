from django.apps import AppConfig
from django.db.models.signals import post_migrate


class DeskConfig(AppConfig):
    """The organisers' desk: who may do what, and what waits for them.

    It sits above the feature apps (registrations, hosting, alerts), whose models it names.
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "desk"
    verbose_name = "Organisers' desk"

    def ready(self):
        # Sent once per app after every migrate (and after a test's flush); for this app, it comes
        # after auth has made the permissions of every app listed before it, the ones roles name.
        post_migrate.connect(roles_current, sender=self, dispatch_uid="desk-roles-current")


def roles_current(sender, using="default", **kwargs):
    """The role groups, exactly as desk.roles defines them, whatever models migrations added."""
    from django.contrib.auth.models import Group, Permission

    from .roles import sync_groups

    sync_groups(Group, Permission, using=using)
