"""What is kept about a person once they go: nothing in the admin's history.

Registrations, applications to host and alert subscriptions are people's data. The admin's
history (LogEntry) names a row by its str(), which holds a name and an address; these helpers
write such entries without them and delete a person's entries along with the person.
"""

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType


def forget_history(model, pks):
    """Deletes the admin's history entries about these rows of a person's model."""
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    LogEntry.objects.filter(content_type=content_type, object_id__in=[str(pk) for pk in pks]).delete()


def neutral_repr(obj):
    """ "registration 5030": what the admin's history may say of a person's row."""
    return f"{obj._meta.verbose_name} {obj.pk}"


class PersonalDataAdmin:
    """A ModelAdmin mixin for a person's rows.

    No "View on site": that shortcut would lead any staff account to the person's own signed
    page. History entries name the row by number, never by the person; deleting rows deletes
    their earlier entries and records only who deleted which number.
    """

    view_on_site = False

    def log_addition(self, request, obj, message):
        return self._neutral(super().log_addition(request, obj, message), obj)

    def log_change(self, request, obj, message):
        return self._neutral(super().log_change(request, obj, message), obj)

    def log_deletions(self, request, queryset):
        rows = list(queryset)
        forget_history(self.model, [obj.pk for obj in rows])
        entries = super().log_deletions(request, rows)
        for entry, obj in zip(entries, rows, strict=True):
            self._neutral(entry, obj)
        return entries

    @staticmethod
    def _neutral(entry, obj):
        entry.object_repr = neutral_repr(obj)
        entry.save(update_fields=["object_repr"])
        return entry
