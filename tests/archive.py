"""The real archive (fixtures/archive.json), loaded as `make run` loads it, for the tests that need it."""

from django.core.management import call_command

from events import search


def load_archive(monkeypatch):
    """Loads the archive with each edition's search text built once, after the last row, rather
    than again for every row that links to it: the same text (the rows it is built from are all
    in by then), for a fraction of the load's time, which about 160 tests pay."""
    editions = set()
    with monkeypatch.context() as patch:
        patch.setattr(search, "refresh", lambda ids, using="default": editions.update(ids))
        call_command("loaddata", "fixtures/archive.json", verbosity=0)
    search.refresh(editions)
