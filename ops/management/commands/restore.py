"""Brings a site back from an archive written by `backup`.

Into a fresh installation (run `migrate` first; `make restore` does). A site
that already has content is only overwritten with --replace. The archive must
match the checksum `backup` wrote beside it, or nothing is touched.
"""

import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from events.caching import bump_revision
from events.models import Edition
from ops.backups import age_program, restore_letters, verify_checksum


class Command(BaseCommand):
    help = "Restore the database and the uploads from a backup archive (checked against its .sha256)."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument(
            "--replace", action="store_true", help="Delete the current content first (flush)."
        )
        parser.add_argument("--identity", help="The age private key file that opens an encrypted archive.")

    def handle(self, *, archive, replace, identity, **options):
        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"No such backup: {path}")
        verify_checksum(path)
        if Edition.objects.exists() and not replace:
            raise CommandError("This site already has content; restore into a fresh one or add --replace.")
        # A private (0700) folder: the archive's contents include password hashes.
        with tempfile.TemporaryDirectory() as scratch:
            if path.name.endswith(".age"):
                path = self._decrypt(path, identity, Path(scratch) / "backup.tar.gz")
            self._restore(path, Path(scratch) / "contents", replace)
        self.stdout.write(f"Restored {Edition.objects.count()} editions and the uploads from {archive}")

    def _decrypt(self, path, identity, target):
        if not identity:
            raise CommandError(f"{path} is encrypted: give its private key with --identity FILE.")
        result = subprocess.run(  # noqa: S603 - an argument list, no shell
            [age_program(), "--decrypt", f"--identity={identity}", f"--output={target}", str(path)],
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise CommandError(f"age could not decrypt {path}: {result.stderr.strip()}")
        return target

    def _restore(self, path, scratch, replace):
        with tarfile.open(path, "r:gz") as backup:
            names = backup.getnames()
            if "data.json" not in names:
                raise CommandError(f"{path} is not a backup of this site: it has no data.json.")
            # The "data" filter refuses absolute paths, links out of the folder and devices.
            backup.extractall(scratch, filter="data")
        # Files first: saving an image record may look for its file.
        media = scratch / "media"
        if media.is_dir():
            self._copy_media(media, Path(settings.MEDIA_ROOT))
        restore_letters(scratch)
        with transaction.atomic():
            if replace:
                call_command("flush", interactive=False, verbosity=0)
            call_command("loaddata", scratch / "data.json", verbosity=0)
            bump_revision(sender=None)

    def _copy_media(self, source, target):
        for file in source.rglob("*"):
            if file.is_file():
                destination = target / file.relative_to(source)
                destination.parent.mkdir(parents=True, exist_ok=True)
                destination.write_bytes(file.read_bytes())
