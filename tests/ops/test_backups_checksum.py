"""The checksum restore verifies before touching anything (ops/backups.py)."""

import pytest
from django.core.management.base import CommandError

from ops.backups import checksum_path, sha256_of, verify_checksum


@pytest.mark.parametrize("written", ["é" * 64, "\x00\xff garbage", "", "0" * 64])
def test_a_checksum_file_that_does_not_match_is_refused_with_a_message_never_a_traceback(tmp_path, written):
    archive = tmp_path / "cmr-backup.tar.gz"
    archive.write_bytes(b"an archive")
    checksum_path(archive).write_text(written, encoding="utf-8", errors="surrogateescape")
    with pytest.raises(CommandError, match="does not match its checksum"):
        verify_checksum(archive)


def test_the_right_checksum_is_accepted(tmp_path):
    archive = tmp_path / "cmr-backup.tar.gz"
    archive.write_bytes(b"an archive")
    checksum_path(archive).write_text(f"{sha256_of(archive)}  {archive.name}\n")
    verify_checksum(archive)
