"""Nothing is lost: a backup restored into a fresh installation serves the same site."""

import re
import tarfile
import urllib.request
from pathlib import Path

import pytest

from .public_urls import PUBLIC_URLS
from .servers import gunicorn, manage, site_env, throwaway_database

# Real app servers, databases and caches: not part of the fast suite.
pytestmark = pytest.mark.services

ADD_UPLOADS = """
import io
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from events.models import Edition, Summary

buffer = io.BytesIO()
Image.new("RGB", (1200, 600), (11, 79, 138)).save(buffer, "JPEG")
edition = Edition.objects.get(slug="charleroi-2024")
edition.hero_image_alt = "The Charleroi venue"
edition.hero_image.save("charleroi.jpg", SimpleUploadedFile("charleroi.jpg", buffer.getvalue()))
summary = Summary.objects.get(edition__slug="krakow-2023")
summary.body = "We met in **Kraków**."
summary.report.save("report.pdf", SimpleUploadedFile("report.pdf", b"%PDF-1.4\\n%%EOF\\n"))
"""


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


def without_stamps(body):
    """DTSTAMP says when the calendar was generated: the one part that must differ."""
    stamps = re.findall(rb"^DTSTAMP:\d{8}T\d{6}Z\r$", body, flags=re.M)
    return re.sub(rb"^DTSTAMP:[^\r]*\r\n", b"", body, flags=re.M), stamps


@pytest.fixture
def original(tmp_path):
    with throwaway_database() as database_url:
        env = site_env(
            database_url, MEDIA_ROOT=tmp_path / "media-a", SERVE_MEDIA="True", STATIC_ROOT=tmp_path / "static"
        )
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        manage(env, "loadarchive")
        manage(env, "shell", "-c", ADD_UPLOADS)
        admin = ("createsuperuser", "--noinput", "--username", "admin", "--email", "admin@example.org")
        manage({**env, "DJANGO_SUPERUSER_PASSWORD": "a-long-admin-passphrase"}, *admin)
        yield env


@pytest.fixture
def restored(tmp_path, original):
    backup_dir = tmp_path / "backups"
    manage(original, "backup", "--output-dir", str(backup_dir))
    [archive] = backup_dir.glob("cmr-backup-*.tar.gz")
    with throwaway_database() as database_url:
        env = site_env(
            database_url, MEDIA_ROOT=tmp_path / "media-b", SERVE_MEDIA="True", STATIC_ROOT=tmp_path / "static"
        )
        manage(env, "migrate", "--noinput")
        result = manage(env, "restore", str(archive))
        assert "Restored 19 editions" in result.stdout
        yield env, archive


def test_backup_is_one_archive_with_the_database_as_json_and_the_uploads(restored):
    _, archive = restored
    with tarfile.open(archive) as backup:
        names = backup.getnames()
    assert {"manifest.json", "data.json"} <= set(names)
    assert any(name.startswith("media/editions/charleroi") for name in names)
    assert any(name.startswith("media/summaries/report") for name in names)
    assert re.fullmatch(r"cmr-backup-\d{8}-\d{6}\.tar\.gz", archive.name)


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


def test_restore_refuses_to_overwrite_a_site_with_content(original, tmp_path):
    manage(original, "backup", "--output-dir", str(tmp_path / "b"))
    [archive] = (tmp_path / "b").glob("*.tar.gz")
    with pytest.raises(Exception) as refused:
        manage(original, "restore", str(archive))
    assert "already has content" in refused.value.stderr
    assert "Restored 19 editions" in manage(original, "restore", str(archive), "--replace").stdout


def test_migrations_are_reversible(tmp_path):
    with throwaway_database() as database_url:
        env = site_env(database_url)
        manage(env, "migrate", "--noinput")
        manage(env, "migrate", "events", "zero", "--noinput")
        manage(env, "migrate", "--noinput")
        manage(env, "loadarchive")
