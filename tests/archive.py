"""Test data built with each edition's search text written once, at the end, rather than again
for every row that links to it: the same text (the rows it is made of are all in by then), for a
fraction of the time. The real archive (fixtures/archive.json) is loaded this way for about 160 tests."""

from contextlib import contextmanager

from django.core.management import call_command

from events import search


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


def load_archive():
    """The real archive, loaded as `make run` loads it."""
    with search_text_built_once():
        call_command("loaddata", "fixtures/archive.json", verbosity=0)
