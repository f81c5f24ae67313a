from django.apps import AppConfig


class EventsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "events"

    def ready(self):
        from django_cleanup.signals import cleanup_pre_delete

        from events.imagery.media import delete_renditions

        from . import search
        from .caching import connect_signals

        connect_signals()
        search.connect_signals()
        # django-cleanup deletes a replaced or removed upload; its renditions go with it.
        cleanup_pre_delete.connect(delete_renditions, dispatch_uid="events.delete_renditions")
