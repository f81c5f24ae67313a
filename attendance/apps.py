from django.apps import AppConfig


class AttendanceConfig(AppConfig):
    """Who came: check-in on the day, walk-ins, and the certificates of attendance after it.

    Above registrations (an attendance is a registrant's, on one of the edition's days), below the
    organisers' desk, which computes the figures from it.
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "attendance"
