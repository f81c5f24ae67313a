"""Keeps each edition's search text up to date: the one place that writes search_document.

An edition's text (Edition.search_text()) is made of its own fields and of its
links (themes, hosts, partners, speakers, its summary), so it is rebuilt when
the edition is saved, when a link is added, changed or removed, and when a
linked host, partner, speaker, theme or series is renamed. Fixture loads
(raw saves) rebuild it too, as each row arrives.
"""

from django.contrib.postgres.search import SearchVector
from django.db import connections
from django.db.models import Value
from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import (
    Edition,
    EditionHost,
    EditionSpeaker,
    Host,
    Partner,
    Partnership,
    Series,
    Speaker,
    Summary,
    Theme,
)


def refresh(edition_ids, using="default"):
    """Store the search text of these editions and, on PostgreSQL, its tsvector."""
    editions = Edition.objects.using(using).filter(pk__in=list(edition_ids)).select_related("series")
    postgres = connections[using].vendor == "postgresql"
    for edition in editions.prefetch_related("themes"):
        text = edition.search_text()
        fields = {"search_document": text}
        if postgres:
            # "simple": no stemming or stop words, so that it matches what SQLite's LIKE matches.
            fields["search_vector"] = SearchVector(Value(text), config="simple")
        # update(), not save(): no new history version, no signal, no change to updated_at.
        Edition.objects.using(using).filter(pk=edition.pk).update(**fields)


def _edition_saved(sender, instance, using, **kwargs):
    refresh([instance.pk], using)


def _link_changed(sender, instance, using, **kwargs):
    refresh([instance.edition_id], using)


def _linked_row_saved(sender, instance, using, **kwargs):
    refresh(instance.editions.using(using).values_list("pk", flat=True), using)


def _themes_changed(sender, instance, action, reverse, pk_set, using, **kwargs):
    if reverse and action == "pre_clear":
        # theme.editions.clear() names no editions afterwards: note them now.
        instance._search_cleared = list(instance.editions.using(using).values_list("pk", flat=True))
    elif action in ("post_add", "post_remove", "post_clear"):
        if not reverse:
            refresh([instance.pk], using)
        else:
            refresh(pk_set or getattr(instance, "_search_cleared", ()), using)


def connect_signals():
    post_save.connect(_edition_saved, sender=Edition, dispatch_uid="search-edition")
    for model in (EditionHost, Partnership, EditionSpeaker, Summary):
        post_save.connect(_link_changed, sender=model, dispatch_uid=f"search-save-{model.__name__}")
        post_delete.connect(_link_changed, sender=model, dispatch_uid=f"search-delete-{model.__name__}")
    for model in (Host, Partner, Speaker, Theme, Series):
        post_save.connect(_linked_row_saved, sender=model, dispatch_uid=f"search-rename-{model.__name__}")
    m2m_changed.connect(_themes_changed, sender=Edition.themes.through, dispatch_uid="search-themes")
