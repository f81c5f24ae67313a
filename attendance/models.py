"""Attendance: one row per person and day of the edition they were checked in on.

A person checked in twice on the same day is one row (the constraint; check-in is idempotent), and
undoing a check-in deletes the row. The rows go with their registration (CASCADE); anonymising the
registration keeps them, since they say nothing about the person besides the anonymised row.
"""

from django.conf import settings
from django.db import models


class AttendanceQuerySet(models.QuerySet):
    def of_edition(self, edition):
        return self.filter(registration__edition=edition)

    def on(self, day):
        return self.filter(day=day)


class Attendance(models.Model):
    registration = models.ForeignKey(
        "registrations.Registration", on_delete=models.CASCADE, related_name="attendances"
    )
    # One of the edition's days (Edition.days), as the venue's calendar says it.
    day = models.DateField()
    checked_in_at = models.DateTimeField(auto_now_add=True)
    # Who pressed the button; kept when the account goes, as the row is still true.
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        ordering = ["day", "checked_in_at", "pk"]
        verbose_name = "attendance"
        constraints = [
            models.UniqueConstraint(fields=["registration", "day"], name="attendance_once_a_day"),
        ]
        indexes = [models.Index(fields=["day", "registration"])]

    def __str__(self):
        # Named by number and day, never by the person: the admin lists it when a registration is deleted.
        return f"attendance {self.pk} on {self.day:%Y-%m-%d}"
