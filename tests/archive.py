"""The real archive (fixtures/archive.json) for about 160 tests per suite, built once per session.

Test data is built with each edition's search text written once, at the end, rather than again
for every row that links to it: the same text (the rows it is made of are all in by then), for a
fraction of the time. The first test of a session that needs the archive loads it as `make run`
does (loaddata, with every signal: history, search text); the rows that load added are kept, and
later tests get the same rows back with one bulk insert per table, in a tenth of the time.
"""

from contextlib import contextmanager

from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import IntegrityError, connection, transaction

from events import caching, search
from events.models import ContentRevision


@contextmanager
def search_text_built_once():
    """Inside, events.search notes the editions to refresh instead of refreshing each time;
    on leaving, each is refreshed once."""
    editions = set()
    real_refresh = search.refresh
    search.refresh = lambda ids, using="default": editions.update(ids)
    try:
        yield
    finally:
        search.refresh = real_refresh
    search.refresh(editions)


# {model: [the field values of each row the first load added]}, in the order of the models.
_added = {}


def _models():
    # Many-to-many tables and the history's tables too: the load fills them.
    return apps.get_models(include_auto_created=True)


def _fields(model):
    return [field.attname for field in model._meta.concrete_fields]


def _insert(model, rows):
    """The rows as they were: bulk_create stamps auto_now fields with now, loaddata keeps the
    archive's, so those are written back after."""
    objects = model._base_manager.bulk_create([model(**row) for row in rows])
    stamped = [
        f.name
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    if stamped:
        for obj, row in zip(objects, rows, strict=True):
            for name in stamped:
                setattr(obj, name, row[name])
        model._base_manager.bulk_update(objects, stamped)


def insert_rows(rows_by_model):
    """Rows kept as {model: [their field values]} inserted again, ids and all, one bulk insert per
    table, parents first; PostgreSQL's sequences, which do not see rows inserted with their ids, are
    moved past them. tests/flushing.py puts back what post_migrate made the same way."""
    for model, rows in rows_by_model.items():
        _insert(model, rows)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(rows_by_model)):
            cursor.execute(sql)


def rows_of(model, queryset=None):
    """The field values of `model`'s rows (or of `queryset`'s), in the order of their ids, for
    insert_rows()."""
    queryset = model._base_manager.all() if queryset is None else queryset
    return list(queryset.order_by("pk").values(*_fields(model)))


def load_archive():
    """The real archive, as `make run` loads it: loaded the first time, its rows inserted again after."""
    if _added:
        try:
            with transaction.atomic():
                insert_rows(_added)
        except IntegrityError:
            # The test made a row the archive has too: loaddata overwrites it, as make run would.
            _load()
        else:
            # As any saved content does, the load gives the page cache a new revision.
            caching.bump_revision(sender=None)
        return
    before = {model: set(model._base_manager.values_list("pk", flat=True)) for model in _models()}
    _load()
    for model in _models():
        rows = rows_of(model, model._base_manager.exclude(pk__in=before[model]))
        if model is not ContentRevision and rows:
            _added[model] = rows
    if any(before[model] for model in _added):
        # The test's own rows were in the tables the archive fills: not a state to copy from.
        _added.clear()


def _load():
    with search_text_built_once():
        call_command("loaddata", "fixtures/archive.json", verbosity=0)
