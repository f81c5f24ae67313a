"""Brings a site back from an archive written by `backup`.

Into a fresh installation (run `migrate` first; `make restore` does). A site
that already has content is only overwritten with --replace.
"""

import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from events.caching import bump_revision
from events.models import Edition


class Command(BaseCommand):
    help = "Restore the database and the uploads from a backup archive."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument(
            "--replace", action="store_true", help="Delete the current content first (flush)."
        )

    def handle(self, *, archive, replace, **options):
        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"No such backup: {path}")
        if Edition.objects.exists() and not replace:
            raise CommandError("This site already has content; restore into a fresh one or add --replace.")
        with tempfile.TemporaryDirectory() as scratch, tarfile.open(path, "r:gz") as backup:
            names = backup.getnames()
            if "data.json" not in names:
                raise CommandError(f"{path} is not a backup of this site: it has no data.json.")
            # The "data" filter refuses absolute paths, links out of the folder and devices.
            backup.extractall(scratch, filter="data")
            # Files first: saving an image record may look for its file.
            media = Path(scratch) / "media"
            if media.is_dir():
                self._copy_media(media, Path(settings.MEDIA_ROOT))
            with transaction.atomic():
                if replace:
                    call_command("flush", interactive=False, verbosity=0)
                call_command("loaddata", Path(scratch) / "data.json", verbosity=0)
                bump_revision(sender=None)
        self.stdout.write(f"Restored {Edition.objects.count()} editions and the uploads from {path}")

    def _copy_media(self, source, target):
        for file in source.rglob("*"):
            if file.is_file():
                destination = target / file.relative_to(source)
                destination.parent.mkdir(parents=True, exist_ok=True)
                destination.write_bytes(file.read_bytes())
