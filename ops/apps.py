from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Operators' tools for the whole site (backup and restore), apart from the apps they save."""

    name = "ops"
