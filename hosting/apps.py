from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class HostingConfig(AppConfig):
    """Regions applying to host an edition. A separate app so that what people send is not content:
    events.caching connects the events app's models only, so saving an application never bumps
    the page cache's token."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "hosting"

    def ready(self):
        from events.caching import bump_revision

        # The exception, and the only one: the page's text and the calls' cut-offs are published
        # on the cached "Host an edition" page, so changing them renews it like any content.
        for model in ("hosting.HostingPage", "hosting.CutOff"):
            post_save.connect(bump_revision, sender=model, dispatch_uid=f"revision-save-{model}")
            post_delete.connect(bump_revision, sender=model, dispatch_uid=f"revision-delete-{model}")
