"""Support letters are a person's documents: only the site's own user may read them."""

import stat

from django.core.files.base import ContentFile

from hosting.models import Application


def test_a_support_letter_is_stored_0600_in_folders_made_0700(settings, tmp_path):
    settings.HOSTING_LETTERS_ROOT = tmp_path / "private" / "letters"
    storage = Application._meta.get_field("support_letter").storage
    name = storage.save("letters/3f2a9c1d7e4b/support.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    letter = settings.HOSTING_LETTERS_ROOT / name
    assert stat.S_IMODE(letter.stat().st_mode) == 0o600
    for folder in (letter.parent, letter.parent.parent, settings.HOSTING_LETTERS_ROOT, tmp_path / "private"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
