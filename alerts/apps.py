from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import post_save


class AlertsConfig(AppConfig):
    """E-mail alerts: subscriptions and the alerts sent to them. Like hosting, an app whose rows are
    people's, not content: events.caching connects the events app's models only, so signing up
    never bumps the page cache's token."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "alerts"

    def ready(self):
        # The one signal for alerts: however an edition is saved (form, action, shell), its
        # followers hear that it was published, changed or cancelled, once it is committed.
        post_save.connect(edition_saved, sender="events.Edition", dispatch_uid="alerts-edition-saved")


def edition_saved(sender, instance, raw=False, **kwargs):
    if raw or instance.status == "draft":
        return
    from .tasks import edition_saved as task

    transaction.on_commit(lambda: task.enqueue(instance.pk))
