from django.apps import AppConfig


class DeskConfig(AppConfig):
    """The organisers' desk: who may do what, and what waits for them.

    It sits above the feature apps (registrations, hosting, alerts), whose models it names.
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "desk"
    verbose_name = "Organisers' desk"
