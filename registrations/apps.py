from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import post_delete, post_save


class RegistrationsConfig(AppConfig):
    """Registration on the site. A separate app so that a registration is not content:
    saving one never bumps the page cache's token (events.caching connects the events app only)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "registrations"

    def ready(self):
        # However an edition is changed (form, action, shell), its
        # registrants hear of a new date, place or a cancellation, once it is committed.
        post_save.connect(edition_saved, sender="events.Edition", dispatch_uid="registrations-edition-saved")
        # The register page is kept rendered per content revision (register_page.py): a question
        # is part of the form, so changing one is a change of content.
        from events.caching import bump_revision

        for model in ("registrations.Question", "registrations.QuestionChoice"):
            post_save.connect(bump_revision, sender=model, dispatch_uid=f"revision-save-{model}")
            post_delete.connect(bump_revision, sender=model, dispatch_uid=f"revision-delete-{model}")


def edition_saved(sender, instance, raw=False, **kwargs):
    if raw or not instance.registers_on_site:
        return
    from .flow import notify_changes

    transaction.on_commit(lambda: notify_changes(instance.pk))
