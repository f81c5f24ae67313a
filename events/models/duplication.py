"""Duplicating an edition: the draft organisers start the next edition from."""

import itertools
import uuid

from django.db import transaction

from events.imagery.uploads import own_copy

from .choices import EditionStatus


@transaction.atomic
def duplicate(edition):
    """A draft copy to start the next edition from.

    Everything is copied but the summary; the copy gets its own slug and
    new calendar UIDs, so calendars never mistake it for this edition.
    """
    copy = type(edition).objects.get(pk=edition.pk)
    copy.pk = copy.id = None
    copy._state.adding = True
    copy.uid = uuid.uuid4()
    copy.sequence = 0
    copy.status = EditionStatus.DRAFT
    copy.title = f"{edition.title} (copy)"[: type(edition)._meta.get_field("title").max_length]
    copy.slug = _free_slug(edition)
    copy.hero_image = own_copy(edition.hero_image)  # shared, it would go when either is edited
    copy.save()
    copy.themes.set(edition.themes.all())
    for related in (edition.edition_hosts.all(), edition.partnerships.all(), edition.edition_speakers.all()):
        for link in related:
            link.pk = None
            link.edition = copy
            link.save()
    for item in edition.agenda_items.all():
        speakers = list(item.speakers.all())
        item.pk = None
        item.uid = uuid.uuid4()
        item.edition = copy
        item.save()
        item.speakers.set(speakers)
    return copy


def _free_slug(edition):
    max_length = type(edition)._meta.get_field("slug").max_length
    for n in itertools.count(1):
        suffix = "-copy" if n == 1 else f"-copy-{n}"
        slug = edition.slug[: max_length - len(suffix)] + suffix
        if not type(edition).objects.filter(slug=slug).exists():
            return slug
