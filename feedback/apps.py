from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    """What attendees thought: an edition's survey, and one response per attendee.

    Above registrations and attendance (who may answer: an attendee), below the organisers' desk.
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "feedback"

    def ready(self):
        from registrations.signals import anonymised

        from .retention import forget

        # Free-text answers go when their registration is anonymised, in the same transaction.
        anonymised.connect(forget, dispatch_uid="feedback.retention.forget")
