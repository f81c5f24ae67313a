"""Lists, and with --delete removes, the files in media that no row refers to.

An upload replaced or removed before django-cleanup was installed, a
rendition whose original is gone or whose settings changed: each stays
public at a guessable address until it is deleted.
"""

from datetime import UTC, datetime, timedelta

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand

from events.imagery.media import referenced_names, stored_names


class Command(BaseCommand):
    help = (
        "List the files in MEDIA_ROOT that no row refers to (uploads and renditions); --delete removes them."
    )

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="Delete the files listed.")
        parser.add_argument(
            "--min-age",
            type=int,
            default=60,
            metavar="MINUTES",
            help="Leave files younger than this (default 60): an upload being saved right now "
            "is on disk a moment before its row is committed.",
        )

    def handle(self, *, delete, min_age, **options):
        referenced = referenced_names()
        cutoff = datetime.now(UTC) - timedelta(minutes=min_age)
        orphans = sorted(
            name
            for name in stored_names(default_storage)
            if name not in referenced and default_storage.get_modified_time(name) <= cutoff
        )
        for name in orphans:
            if delete:
                default_storage.delete(name)
            self.stdout.write(name)
        verb = "Deleted" if delete else "Found"
        noun = "file" if len(orphans) == 1 else "files"
        self.stderr.write(f"{verb} {len(orphans)} unreferenced {noun}.")
