"""Nothing is lost: a backup restored into a fresh installation serves the same site."""

import hashlib
import re
import shutil
import stat
import subprocess
import tarfile
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.public_urls import PUBLIC_URLS
from tests.servers import ROOT, collected_static, gunicorn, manage, site_env, throwaway_database

# Real app servers, databases and caches: not part of the fast suite.
pytestmark = pytest.mark.services

# The archive, two uploads and an admin, in one `manage.py shell` (each start of Django costs seconds).
ORIGINAL_SITE = """
import io
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image
from events.models import Edition, Summary

call_command("loadarchive")

buffer = io.BytesIO()
Image.new("RGB", (1200, 600), (11, 79, 138)).save(buffer, "JPEG")
edition = Edition.objects.get(slug="charleroi-2024")
edition.hero_image_alt = "The Charleroi venue"
edition.hero_image.save("charleroi.jpg", SimpleUploadedFile("charleroi.jpg", buffer.getvalue()))
summary = Summary.objects.get(edition__slug="krakow-2023")
summary.body = "We met in **Kraków**."
summary.report.save("report.pdf", SimpleUploadedFile("report.pdf", b"%PDF-1.4\\n%%EOF\\n"))
User.objects.create_superuser("admin", "admin@example.org", "a-long-admin-passphrase")
"""


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


def without_stamps(body):
    """DTSTAMP says when the calendar was generated: the one part that must differ."""
    stamps = re.findall(rb"^DTSTAMP:\d{8}T\d{6}Z\r$", body, flags=re.M)
    return re.sub(rb"^DTSTAMP:[^\r]*\r\n", b"", body, flags=re.M), stamps


@contextmanager
def site_with_content(media_root):
    with throwaway_database(migrated=True) as database_url:
        static = collected_static()
        env = site_env(database_url, MEDIA_ROOT=media_root, SERVE_MEDIA="True", STATIC_ROOT=static)
        manage(env, "shell", "-c", ORIGINAL_SITE)
        yield env


@pytest.fixture(scope="module")
def original(tmp_path_factory):
    """The site backed up, made once for the module (about 7 s): the tests read it, never change it."""
    with site_with_content(tmp_path_factory.mktemp("original") / "media-a") as env:
        yield env


@contextmanager
def fresh_site(tmp_path, name):
    """A new installation, migrated and empty, with its own uploads folder."""
    with throwaway_database(migrated=True) as database_url:
        env = site_env(
            database_url, MEDIA_ROOT=tmp_path / name, SERVE_MEDIA="True", STATIC_ROOT=collected_static()
        )
        yield env


def media_files(env):
    """The site's uploads and renditions, as paths below its MEDIA_ROOT."""
    root = Path(env["MEDIA_ROOT"])
    return sorted(path.relative_to(root) for path in root.rglob("*"))


def backup(env, backup_dir, **extra):
    """Runs `backup` into BACKUP_DIR (a folder that does not exist yet); the archive's path."""
    manage({**env, "BACKUP_DIR": str(backup_dir), **extra}, "backup")
    [archive] = [path for path in backup_dir.iterdir() if not path.name.endswith(".sha256")]
    return archive


def contents(env):
    """What a restore would change: the number of editions and users, and the uploads."""
    counts = "from django.contrib.auth.models import User; from events.models import Edition;"
    counts += "print(Edition.objects.count(), User.objects.count())"
    media = Path(env["MEDIA_ROOT"])
    files = sorted(str(path) for path in media.rglob("*")) if media.exists() else []
    return manage(env, "shell", "--no-imports", "-c", counts).stdout.split(), files


@pytest.fixture
def restored(tmp_path, original):
    archive = backup(original, tmp_path / "private" / "backups")
    with fresh_site(tmp_path, "media-b") as env:
        result = manage(env, "restore", str(archive))
        assert "Restored 19 editions" in result.stdout
        yield env, archive


def test_backup_is_one_archive_with_the_database_as_json_and_the_uploads(restored):
    _, archive = restored
    with tarfile.open(archive) as backup:
        names = backup.getnames()
    assert {"manifest.json", "data.json"} <= set(names)
    # Each image upload has a folder of its own (events.imagery.uploads.UniqueName).
    assert any(re.fullmatch(r"media/editions/[0-9a-f]{12}/charleroi\.jpg", name) for name in names)
    assert any(name.startswith("media/summaries/report") for name in names)
    assert re.fullmatch(r"cmr-backup-\d{8}-\d{6}\.tar\.gz", archive.name)


def test_the_archive_is_0600_in_a_0700_folder_under_backup_dir_with_its_sha256_beside_it(tmp_path):
    with fresh_site(tmp_path, "media") as env:
        archive = backup(env, tmp_path / "private" / "backups")
    assert archive.parent == tmp_path / "private" / "backups"
    assert stat.S_IMODE(archive.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    checksum = archive.with_name(archive.name + ".sha256")
    assert stat.S_IMODE(checksum.stat().st_mode) == 0o600
    assert checksum.read_text() == f"{hashlib.sha256(archive.read_bytes()).hexdigest()}  {archive.name}\n"
    assert sorted(path.name for path in archive.parent.iterdir()) == [archive.name, checksum.name]


def test_backup_refuses_a_folder_inside_the_project_or_open_to_others(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o755)
    with fresh_site(tmp_path, "media") as env:
        with pytest.raises(subprocess.CalledProcessError) as refused:
            backup(env, ROOT / "backups")
        assert "is inside the project" in refused.value.stderr
        with pytest.raises(subprocess.CalledProcessError) as refused:
            backup(env, shared)
        assert "open to other users (mode 755)" in refused.value.stderr
    assert not any((ROOT / "backups").glob("cmr-backup-*"))
    assert list(shared.iterdir()) == []


def test_a_truncated_tampered_or_unchecked_archive_is_refused_and_nothing_is_restored(original, tmp_path):
    archive = backup(original, tmp_path / "backups")
    whole = archive.read_bytes()
    checksum = archive.with_name(archive.name + ".sha256").read_text()
    tampered = bytearray(whole)
    tampered[len(whole) // 2] ^= 0xFF
    with fresh_site(tmp_path, "media-b") as env:
        before = contents(env)
        for name, body, sums, message in [
            ("truncated", whole[: len(whole) // 2], checksum, "does not match its checksum"),
            ("tampered", bytes(tampered), checksum, "does not match its checksum"),
            ("unchecked", whole, None, "No checksum beside"),
        ]:
            copy = tmp_path / name / archive.name
            copy.parent.mkdir()
            copy.write_bytes(body)
            if sums:
                copy.with_name(copy.name + ".sha256").write_text(sums)
            with pytest.raises(subprocess.CalledProcessError) as refused:
                manage(env, "restore", str(copy))
            assert message in refused.value.stderr, name
            assert "Traceback" not in refused.value.stderr
        assert contents(env) == before == (["0", "0"], [])


def test_an_encrypted_backup_is_not_a_readable_tar_and_restores_with_its_key(original, tmp_path):
    key = tmp_path / "key.txt"
    subprocess.run(["age-keygen", "-o", str(key)], check=True, capture_output=True)
    public = subprocess.run(["age-keygen", "-y", str(key)], check=True, capture_output=True, text=True)
    archive = backup(original, tmp_path / "backups", BACKUP_ENCRYPT_TO=public.stdout.strip())
    assert re.fullmatch(r"cmr-backup-\d{8}-\d{6}\.tar\.gz\.age", archive.name)
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    body = archive.read_bytes()
    assert body.startswith(b"age-encryption.org/v1\n") and not tarfile.is_tarfile(archive)
    assert b"pbkdf2_sha256" not in body and b"charleroi" not in body
    with fresh_site(tmp_path, "media-b") as env:
        with pytest.raises(subprocess.CalledProcessError) as refused:
            manage(env, "restore", str(archive))
        assert "is encrypted: give its private key with --identity" in refused.value.stderr
        result = manage(env, "restore", str(archive), "--identity", str(key))
        assert "Restored 19 editions" in result.stdout
        assert media_files(env) == media_files(original) != []
        assert contents(env)[0] == contents(original)[0]


def test_a_restored_site_serves_byte_identical_pages_feeds_and_files(original, restored):
    restored_env, _ = restored
    media_files = [
        "/media/" + str(path.relative_to(original["MEDIA_ROOT"]))
        for path in sorted(Path(original["MEDIA_ROOT"]).rglob("*"))
        if path.is_file()
    ]
    assert len(media_files) >= 7  # the photo, its renditions and the report
    with gunicorn(original, workers=1) as before, gunicorn(restored_env, workers=1) as after:
        for url in PUBLIC_URLS + media_files:
            old, new = fetch(before.url + url), fetch(after.url + url)
            if url.endswith(".ics"):
                (old, old_stamps), (new, new_stamps) = without_stamps(old), without_stamps(new)
                assert old_stamps and len(old_stamps) == len(new_stamps), url
            assert old == new, url
        assert b"The Charleroi venue" in fetch(after.url + "/editions/charleroi-2024/")
    # The history and the accounts came back too.
    check = (
        "from django.contrib.auth.models import User; from events.models import Edition;"
        "print(User.objects.filter(username='admin', is_superuser=True).count(),"
        " Edition.history.filter(slug='charleroi-2024').count() > 0)"
    )
    assert manage(restored_env, "shell", "--no-imports", "-c", check).stdout.split() == ["1", "True"]


def test_restore_refuses_to_overwrite_a_site_with_content(tmp_path):
    with site_with_content(tmp_path / "media-a") as site:  # its own: the test overwrites it
        archive = backup(site, tmp_path / "b")
        with pytest.raises(Exception) as refused:
            manage(site, "restore", str(archive))
        assert "already has content" in refused.value.stderr
        assert "Restored 19 editions" in manage(site, "restore", str(archive), "--replace").stdout


def test_migrations_are_reversible(tmp_path):
    with throwaway_database(migrated=True) as database_url:
        env = site_env(database_url)
        manage(env, "migrate", "events", "zero", "--noinput")
        manage(env, "migrate", "--noinput")
        manage(env, "loadarchive")


ADD_LETTER = """
from django.core.files.base import ContentFile
from hosting.models import Application
storage = Application._meta.get_field("support_letter").storage
print(storage.save("letters/3f2a9c1d7e4b/support.pdf", ContentFile(b"%PDF-1.4 the mayor's letter %%EOF")))
"""


def modes(root):
    """{path below root: mode} for every file and folder in root, and root itself."""
    return {
        str(path.relative_to(root)): stat.S_IMODE(path.stat().st_mode) for path in [root, *root.rglob("*")]
    }


def test_support_letters_survive_a_backup_a_lost_disk_and_a_restore_as_0600_files_in_0700_folders(tmp_path):
    letters = tmp_path / "private" / "letters"
    with fresh_site(tmp_path, "media-a") as env:
        env = {**env, "HOSTING_LETTERS_ROOT": str(letters)}
        name = manage(env, "shell", "--no-imports", "-c", ADD_LETTER).stdout.strip()
        letter = (letters / name).read_bytes()
        assert modes(letters) == {".": 0o700, "letters": 0o700, "letters/3f2a9c1d7e4b": 0o700, name: 0o600}
        archive = backup(env, tmp_path / "backups")
    with tarfile.open(archive) as contents:
        member = contents.getmember(f"letters/{name}")
    assert member.mode == 0o600

    shutil.rmtree(tmp_path / "private")
    with fresh_site(tmp_path, "media-b") as env:
        manage({**env, "HOSTING_LETTERS_ROOT": str(letters)}, "restore", str(archive))
    assert (letters / name).read_bytes() == letter
    assert modes(letters) == {".": 0o700, "letters": 0o700, "letters/3f2a9c1d7e4b": 0o700, name: 0o600}
    assert stat.S_IMODE((tmp_path / "private").stat().st_mode) == 0o700
