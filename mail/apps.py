from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class MailConfig(AppConfig):
    """Outgoing e-mail for every app: the outbox rows' base, delivery with retries, one layout."""

    name = "mail"

    def ready(self):
        from . import checks  # noqa: F401 - registers the deploy check

        # Every app's tasks module registers its outbox with delivery (delivery.register): then
        # delivery.enqueue() finds each row's task, and the worker's sweep every outbox.
        autodiscover_modules("tasks")
