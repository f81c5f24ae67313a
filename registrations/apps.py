from django.apps import AppConfig


class RegistrationsConfig(AppConfig):
    """Registration on the site. A separate app so that a registration is not content:
    saving one never bumps the page cache's token (events.caching connects the events app only)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "registrations"
