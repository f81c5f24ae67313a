"""Writes one timestamped archive of the whole site: the database and the uploads.

The database goes in as portable JSON (dumpdata, natural keys for users,
groups and content types, time stamps to the microsecond), so a backup taken
on SQLite restores on PostgreSQL and the other way round. `restore` brings it back.

The archive goes to BACKUP_DIR, 0600 in a 0700 folder, with its SHA-256 in a
`.sha256` file beside it; with BACKUP_ENCRYPT_TO it is encrypted with age to
those public keys, so this machine cannot read its own backups.
"""

import contextlib
import io
import json
import os
import subprocess
import tarfile
from datetime import UTC, datetime
from pathlib import Path

import django
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from events.models import Edition
from ops.backups import add_letters, age_program, create_private, private_folder, sha256_of, write_checksum

# Rebuilt by `migrate`, or not worth keeping: sessions and lock-out records.
EXCLUDE = ["contenttypes", "auth.permission", "sessions", "axes"]


def _add_bytes(archive, name, data, mtime):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = mtime
    info.mode = 0o644
    archive.addfile(info, io.BytesIO(data))


class Command(BaseCommand):
    help = "Back up the database (as JSON) and the uploaded files into one .tar.gz in BACKUP_DIR."

    def handle(self, **options):
        recipients = settings.BACKUP_ENCRYPT_TO
        age = age_program() if recipients else None
        folder = private_folder(settings.BACKUP_DIR)
        now = datetime.now(UTC)
        data = io.StringIO()
        call_command(
            "dumpdata",
            format="precisejson",
            natural_foreign=True,
            natural_primary=True,
            exclude=EXCLUDE,
            indent=1,
            stdout=data,
        )
        manifest = {
            "created_at": now.isoformat(),
            "django": django.get_version(),
            "database": settings.DATABASES["default"]["ENGINE"],
            "editions": Edition.objects.count(),
            "encrypted_to": recipients,
        }
        path = folder / f"cmr-backup-{now:%Y%m%d-%H%M%S}.tar.gz{'.age' if age else ''}"
        # Written under another name, so an interrupted backup never looks like a whole one.
        partial = path.with_name(path.name + ".partial")
        try:
            with create_private(partial) as file:
                if age:
                    self._write_encrypted(file, age, recipients, manifest, data.getvalue(), now)
                else:
                    with tarfile.open(fileobj=file, mode="w:gz") as archive:
                        self._fill(archive, manifest, data.getvalue(), now)
            write_checksum(path, sha256_of(partial))
            os.replace(partial, path)
        finally:
            partial.unlink(missing_ok=True)
        self.stdout.write(f"Backed up {manifest['editions']} editions and the uploads to {path}")

    def _fill(self, archive, manifest, data, now):
        _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=1).encode(), now.timestamp())
        _add_bytes(archive, "data.json", data.encode(), now.timestamp())
        media = Path(settings.MEDIA_ROOT)
        if media.is_dir():
            archive.add(media, arcname="media")
        add_letters(archive)

    def _write_encrypted(self, file, age, recipients, manifest, data, now):
        """Streams the archive through age: the plain archive never touches the disk."""
        arguments = [age, "--encrypt"] + [f"--recipient={recipient}" for recipient in recipients]
        # An argument list, no shell: the keys come from the operator's own settings.
        process = subprocess.Popen(  # noqa: S603
            arguments, stdin=subprocess.PIPE, stdout=file, stderr=subprocess.PIPE
        )
        # If age exits early (a malformed key), writing fails; its own message follows.
        with contextlib.suppress(BrokenPipeError):
            with tarfile.open(fileobj=process.stdin, mode="w|gz") as archive:
                self._fill(archive, manifest, data, now)
            process.stdin.close()
        if process.wait() != 0:
            raise CommandError(f"age could not encrypt the backup: {process.stderr.read().decode().strip()}")
