"""Writes one timestamped archive of the whole site: the database and the uploads.

The database goes in as portable JSON (dumpdata, natural keys for users,
groups and content types, time stamps to the microsecond), so a backup taken
on SQLite restores on PostgreSQL and the other way round. `restore` brings it back.
"""

import io
import json
import tarfile
from datetime import UTC, datetime
from pathlib import Path

import django
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from events.models import Edition

# Rebuilt by `migrate`, or not worth keeping: sessions and lock-out records.
EXCLUDE = ["contenttypes", "auth.permission", "sessions", "axes"]


def _add_bytes(archive, name, data, mtime):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = mtime
    info.mode = 0o644
    archive.addfile(info, io.BytesIO(data))


class Command(BaseCommand):
    help = "Back up the database (as JSON) and the uploaded files into one .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", default=str(settings.BASE_DIR / "backups"))

    def handle(self, *, output_dir, **options):
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
        }
        target = Path(output_dir)
        target.mkdir(parents=True, exist_ok=True)
        path = target / f"cmr-backup-{now:%Y%m%d-%H%M%S}.tar.gz"
        media = Path(settings.MEDIA_ROOT)
        with tarfile.open(path, "w:gz") as archive:
            _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=1).encode(), now.timestamp())
            _add_bytes(archive, "data.json", data.getvalue().encode(), now.timestamp())
            if media.is_dir():
                archive.add(media, arcname="media")
        self.stdout.write(f"Backed up {manifest['editions']} editions and the uploads to {path}")
