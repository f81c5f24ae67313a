"""The archive as the tests load it (tests/archive.py): once per session with loaddata, then its
rows inserted again, which must give the same rows as loading it."""

import pytest
from django.db import transaction
from django.utils import timezone

from events.models import ContentRevision, Edition, Series
from tests import archive
from tests.factories import SeriesFactory

pytestmark = pytest.mark.django_db


def rows_of(model):
    rows = list(model._base_manager.order_by("pk").values(*archive._fields(model)))
    if model._meta.auto_created:
        # A many-to-many row's own id comes from PostgreSQL's sequence, which a rollback does not
        # take back: loading twice numbers the same links differently. Nothing refers to it.
        return sorted(tuple(sorted((k, v) for k, v in row.items() if k != "id")) for row in rows)
    return rows


def load_and_dump(load):
    with transaction.atomic():
        load()
        dumped = {model._meta.label: rows_of(model) for model in archive._added}
        # Ids go on after the archive's (PostgreSQL's sequences included).
        later = Series.objects.create(name="Later", slug="later")
        transaction.set_rollback(True)
    return dumped, later.pk


def test_the_archive_inserted_again_is_row_for_row_what_loading_it_gives(at):
    load_and_dump(archive.load_archive)  # the session's first load, if no test has loaded it yet
    assert archive._added, "the first load kept no rows to insert again"
    # A still clock: what is stamped at save (created_at, updated_at) is stamped alike.
    at(2025, 3, 4, 10, 0)
    loaded, _ = load_and_dump(archive._load)
    inserted, next_id = load_and_dump(archive.load_archive)
    assert sorted(loaded) == sorted(inserted)
    for label, rows in loaded.items():
        assert len(rows) == len(inserted[label]), label
        differ = [(row, again) for row, again in zip(rows, inserted[label], strict=True) if row != again]
        assert not differ, f"{label}: {differ[:1]}"
    assert next_id > max(row["id"] for row in loaded["events.Series"])


def test_inserting_the_archive_gives_the_page_cache_a_new_revision_as_loading_it_does(at):
    archive.load_archive()
    ContentRevision.objects.all().delete()
    at(2025, 3, 4, 10, 0)
    archive.load_archive()
    revision = ContentRevision.objects.get()
    assert revision.changed_at == timezone.now()
    assert revision.token


def test_a_row_of_the_tests_own_with_an_archive_id_is_overwritten_as_loaddata_does():
    load_and_dump(archive.load_archive)
    first = next(rows[0] for model, rows in archive._added.items() if model is Series)
    SeriesFactory(pk=first["id"], name="Not the archive's")
    archive.load_archive()
    assert Series.objects.get(pk=first["id"]).name == first["name"]
    assert Edition.objects.count() == len(
        next(rows for model, rows in archive._added.items() if model is Edition)
    )
