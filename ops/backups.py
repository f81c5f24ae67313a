"""The files `backup` writes and `restore` checks: private from the start, with a checksum beside.

An archive holds every organiser's password hash, so neither it nor its folder
is ever readable by anyone but the user who made it, not even for a moment.
"""

import hashlib
import hmac
import os
import shutil
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError


def private_folder(path):
    """BACKUP_DIR, created 0700; refused if it is served, inside the project or open to others."""
    path = Path(path).expanduser().resolve()
    for root, what in (
        (settings.MEDIA_ROOT, "MEDIA_ROOT"),
        (settings.STATIC_ROOT, "STATIC_ROOT"),
        (settings.BASE_DIR, "the project"),
    ):
        if path.is_relative_to(Path(root).resolve()):
            raise CommandError(f"BACKUP_DIR {path} is inside {what}: choose a folder outside it.")
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise CommandError(f"Cannot create BACKUP_DIR {path}: {error.strerror}.") from error
    mode = path.stat().st_mode & 0o777
    if mode & 0o077:
        # Not chmod: a folder someone else made open may already hold copies.
        raise CommandError(f"BACKUP_DIR {path} is open to other users (mode {mode:o}): `chmod 700` it first.")
    return path


def create_private(path):
    """A new file, 0600 from the moment it exists (O_EXCL: never an existing file or link)."""
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb")


def checksum_path(archive):
    return archive.with_name(archive.name + ".sha256")


def sha256_of(path):
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def write_checksum(archive, digest):
    """In `sha256sum` format, so `sha256sum -c` checks a copy anywhere."""
    with create_private(checksum_path(archive)) as file:
        file.write(f"{digest}  {archive.name}\n".encode())


def verify_checksum(archive):
    """Refuses an archive that is truncated, damaged or altered since `backup` wrote it."""
    sums = checksum_path(archive)
    if not sums.is_file():
        raise CommandError(f"No checksum beside {archive} ({sums.name}): copy it along with the archive.")
    expected = (sums.read_bytes().split() or [b""])[0].lower()
    if not hmac.compare_digest(sha256_of(archive).encode(), expected):
        raise CommandError(
            f"{archive} does not match its checksum in {sums.name}: it is truncated, damaged or altered. "
            "Nothing was restored."
        )


def age_program():
    age = shutil.which("age")
    if age is None:
        raise CommandError("Encrypted backups need the age program: `apt-get install age`.")
    return age


# Hosting applicants' support letters (settings.HOSTING_LETTERS_ROOT) sit outside MEDIA_ROOT, so
# that nothing serves them; the archive keeps them in a folder of their own.
LETTERS = "letters"


def add_letters(archive):
    """The support letters, under letters/ in the archive, with their 0600 modes."""
    root = Path(settings.HOSTING_LETTERS_ROOT)
    if root.is_dir():
        archive.add(root, arcname=LETTERS)


def restore_letters(contents):
    """The letters from an extracted archive back into HOSTING_LETTERS_ROOT, 0600 in 0700 folders
    (as hosting's LettersStorage writes them), replacing any of the same name."""
    source = Path(contents) / LETTERS
    if not source.is_dir():
        return
    target = Path(settings.HOSTING_LETTERS_ROOT)
    for file in sorted(source.rglob("*")):
        if not file.is_file():
            continue
        destination = target / file.relative_to(source)
        _private_folders(destination.parent)
        # O_NOFOLLOW: never write through a link planted where a letter goes.
        descriptor = os.open(destination, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
        os.fchmod(descriptor, 0o600)
        with os.fdopen(descriptor, "wb") as output:
            output.write(file.read_bytes())


def _private_folders(path):
    """`path` and its missing parents, each new one 0700."""
    missing = [folder for folder in (path, *path.parents) if not folder.exists()]
    for folder in reversed(missing):
        folder.mkdir(mode=0o700)
        folder.chmod(0o700)
