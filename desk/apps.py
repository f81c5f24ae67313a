import contextlib

from django.apps import AppConfig
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models.signals import post_delete, post_migrate, post_save


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
        # A check-in or a feedback answer added, changed or undone after the edition is over: its
        # summary's figures again (desk/figures.py), once committed. The hourly job computes them first.
        for signal in (post_save, post_delete):
            for model in ("attendance.Attendance", "feedback.Response"):
                signal.connect(figures_changed, sender=model, dispatch_uid=f"desk-figures-{signal}-{model}")


def roles_current(sender, using="default", **kwargs):
    """The role groups, exactly as desk.roles defines them, whatever models migrations added."""
    from django.contrib.auth.models import Group, Permission

    from .roles import sync_groups

    sync_groups(Group, Permission, using=using)


def figures_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    with contextlib.suppress(ObjectDoesNotExist):  # the registration or survey went with it
        edition = (getattr(instance, "survey", None) or instance.registration).edition
        if not edition.is_over():
            return  # on the day: the hourly job counts them once it is over
        from .tasks import refresh_summary_figures

        transaction.on_commit(lambda: refresh_summary_figures.enqueue(edition.pk))
