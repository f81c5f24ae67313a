"""Which of the admin fuzz's requests are equivalent: they reach the same code with the same garbage.

The fuzz (tests/cmr_site/test_admin_fuzz.py) sends a garbage value to each code path that reads it
once, not once per model: 25 admins share most of Django's code, and sending every value to each
of them was 2,000 change-list requests a suite, most of them through the same lines. A path is
named by what decides how the value is read:

- the view: its function (an admin's own `changelist_view` or `change_view` is a path of its own),
  its template and, for change lists, the ChangeList class;
- a list filter's parameter: Django's filter class, the model field class it filters and the field
  its relation points at, the lookup (`__exact`, `__isnull`, `__gte`) and the admin's
  `lookup_allowed`; this site's own filters (SimpleListFilter) are each their own path on each model;
- the search: the admin's `get_search_results` and, for each search field, its prefix (^ = @) and
  the class of the field it ends on (or the lookup it names);
- a value that Django refuses before it reaches a model (a page number or an id that is no
  integer, a _to_field that names no field) takes the same lines in every admin; a value that it
  accepts and that then selects something of one model (an ordering that names a column, an id
  that could be a row) is that model's path.

A planted bug shows in the one request its path still gets: a filter class of this site raising on
garbage fails on every model that lists it; a Django filter class reading one field class wrongly
fails on the first model that has it.
"""

import inspect
from urllib.parse import urlsplit

from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.db.models.constants import LOOKUP_SEP
from django.urls import Resolver404, resolve


class Paths:
    """The (path, value) pairs already sent: `first()` says whether one is new, and records it."""

    def __init__(self):
        self.seen = set()

    def first(self, *key):
        if key in self.seen:
            return False
        self.seen.add(key)
        return True


def view_path(url):
    """The function of the view that answers `url`, unwrapped from the admin's decorators."""
    try:
        func = resolve(urlsplit(url).path).func
    except Resolver404:
        return ("no view",)
    view = getattr(func, "view_class", None) or inspect.unwrap(func)
    return (getattr(view, "__func__", view),)


def field_path(model, path):
    """The class of the field `path` ends on and of the field it points at, or the lookup it ends with."""
    field = None
    for part in path.split(LOOKUP_SEP):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return (type(field), part)
        model = field.related_model or model
    return (type(field), type(getattr(field, "target_field", None)))


def filter_path(model, model_admin, spec, name):
    """What reads list filter `spec`'s parameter `name`."""
    if isinstance(spec, admin.SimpleListFilter):
        return (type(spec), model)
    return (
        type(spec),
        type(model_admin).lookup_allowed,
        *field_path(model, spec.field_path),
        name.removeprefix(spec.field_path),
    )


def search_path(model, model_admin):
    """What reads q: the admin's search and the kinds of field it looks in."""
    fields = frozenset(
        (name[0] if name[0] in "^=@" else "", *field_path(model, name.lstrip("^=@")))
        for name in model_admin.search_fields
    )
    return (type(model_admin).get_search_results, fields)


def names_a_column(value, list_display):
    """Whether ChangeList.get_ordering reads `value` as (a list naming) a column: "-1" is the
    second, descending, and "٣" the fourth; "²" is skipped as int() refuses it."""
    for part in value.split("."):
        try:
            list_display[int(part.rpartition("-")[2])]
        except (IndexError, ValueError):
            continue
        return True
    return False


def prefill_path(model, model_admin, form, name):
    """What reads a prefilled field: the admin's initial data, the model field, the form field and
    its widget (unwrapped from the admin's related-field wrapper)."""
    field = form.base_fields.get(name)
    widget = getattr(field, "widget", None)
    return (
        type(model_admin).get_changeform_initial_data,
        field_path(model, name),
        type(field),
        type(getattr(widget, "widget", widget)),
    )


def templates(model_admin):
    """The templates of an admin's object pages, which echo a query string's values."""
    return tuple(
        getattr(model_admin, name)
        for name in [
            "add_form_template",
            "change_form_template",
            "object_history_template",
            "delete_confirmation_template",
        ]
    )
