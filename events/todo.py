"""What still needs doing: the content the admin index lists for organisers to complete.

Each task is one rule ("editions without a photo"), used twice: by the list on
the admin index (content_todo) and by the "to do" filter of its model's change
list (filter_for), where "and N more" leads. The list costs two queries per
task, whatever the size of the archive.

Not in events/admin/: the admin site (cmr_site.admin_site) imports this module while Django is
still building `admin.site`, so it must not be inside a package that registers models on import.
"""

from dataclasses import dataclass

from django.contrib import admin
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q
from django.urls import reverse

from .models import Edition, EditionSpeaker, EditionStatus, Speaker, Summary

# How many items each task lists; the rest are behind "and N more".
SHOWN = 10


@dataclass(frozen=True)
class Task:
    key: str  # the value of ?todo= in the model's change list
    model: type
    title: str
    choice: str  # the filter's choice in the change list
    missing: Q
    public: object  # an expression: whether the row is on the public site
    order: tuple[str, ...]
    related: tuple[str, ...] = ()
    # The way from the row to its edition: a host team sees its own editions' tasks only.
    edition_path: str | None = None

    def rows(self, user):
        rows = self.model.objects.filter(self.missing)
        if self.edition_path:
            rows = rows.filter(**{f"{self.edition_path}__in": Edition.objects.managed_by(user)})
        return rows.annotate(
            on_site=ExpressionWrapper(self.public, output_field=BooleanField())
        ).select_related(*self.related)

    def label(self, obj):
        if self.model is Edition and self.key == "coordinates":
            return f"{obj.city}: {obj}"
        return str(obj.edition if self.model is Summary else obj)

    @property
    def model_name(self):
        return self.model._meta.model_name


def _not_draft(prefix=""):
    return ~Q(**{f"{prefix}status": EditionStatus.DRAFT})


TASKS = [
    Task(
        "photo",
        Edition,
        "Editions without a photo",
        "No photo",
        Q(hero_image=""),
        _not_draft(),
        ("-start_date", "title"),
        edition_path="pk",
    ),
    Task(
        "text",
        Summary,
        "Summaries without text",
        "No text",
        Q(body=""),
        _not_draft("edition__"),
        ("-edition__start_date",),
        ("edition",),
        edition_path="edition",
    ),
    Task(
        # The map and the venue's OpenStreetMap link need both.
        "coordinates",
        Edition,
        "Places without coordinates",
        "A city but no coordinates",
        ~Q(city="") & (Q(latitude__isnull=True) | Q(longitude__isnull=True)),
        _not_draft(),
        ("-start_date", "title"),
        edition_path="pk",
    ),
    Task(
        "photo",
        Speaker,
        "Speakers without a photo",
        "No photo",
        Q(photo=""),
        # A speaker is public once they speak at a public edition.
        Exists(
            EditionSpeaker.objects.filter(speaker=OuterRef("pk"), edition__in=Edition.objects.published())
        ),
        ("name",),
    ),
]


def content_todo(user):
    """The tasks `user` may do something about (change permission, own editions), with counts and items.

    Public content first: it is what visitors see missing. Drafts follow, marked as such.
    """
    todo = []
    for task in TASKS:
        if not user.has_perm(f"{task.model._meta.app_label}.change_{task.model_name}"):
            continue
        rows = task.rows(user)
        counts = rows.aggregate(total=Count("pk"), drafts=Count("pk", filter=~Q(on_site=True)))
        items = [
            {
                "label": task.label(obj),
                "url": reverse(f"admin:events_{task.model_name}_change", args=[obj.pk]),
                "draft": not obj.on_site,
            }
            for obj in rows.order_by("-on_site", *task.order)[:SHOWN]
        ]
        todo.append(
            {
                "title": task.title,
                "total": counts["total"],
                "drafts": counts["drafts"],
                "items": items,
                "more": counts["total"] - len(items),
                "more_url": reverse(f"admin:events_{task.model_name}_changelist") + f"?todo={task.key}",
            }
        )
    return todo


def filter_for(model):
    """The change list's "to do" filter of `model`, with a choice per task (what "and N more" opens)."""
    tasks = {task.key: task for task in TASKS if task.model is model}

    class ToDoFilter(admin.SimpleListFilter):
        title = "to do"
        parameter_name = "todo"

        def lookups(self, request, model_admin):
            return [(key, task.choice) for key, task in tasks.items()]

        def queryset(self, request, queryset):
            task = tasks.get(self.value())
            return queryset.filter(task.missing) if task else queryset

    return ToDoFilter
