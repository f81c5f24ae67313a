"""The calendars imported into a real calendar program: khal, from Debian's packages."""

import shutil
import subprocess

import pytest

pytestmark = pytest.mark.django_db

KHAL_CONFIG = """[calendars]
[[cmr]]
path = {path}
[locale]
local_timezone = Europe/Lisbon
default_timezone = Europe/Lisbon
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
"""


@pytest.fixture
def khal(tmp_path):
    if not shutil.which("khal"):
        pytest.fail("khal is missing: run `make test`, which installs it from Debian's packages.")
    (tmp_path / "cal").mkdir()
    config = tmp_path / "khal.conf"
    config.write_text(KHAL_CONFIG.format(path=tmp_path / "cal"))

    def run(*args):
        result = subprocess.run(
            ["khal", "-c", str(config), *args], capture_output=True, text=True, check=False, timeout=60
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    return run


def test_khal_imports_the_feed_and_shows_the_talk_at_0730_in_lisbon(client, archive, khal, tmp_path):
    feed = tmp_path / "feed.ics"
    feed.write_bytes(client.get("/calendar.ics").content)
    khal("import", "--batch", "-a", "cmr", str(feed))
    assert len(list((tmp_path / "cal").iterdir())) == 19
    talk_day = khal("list", "2024-04-24", "1d")
    assert "07:30-08:45 Innovation through integration" in talk_day
    charleroi = khal("list", "2024-11-27", "3d")
    assert "2024-11-28" in charleroi and "2024-11-29" not in charleroi
    assert "Charleroi Metropole" in charleroi
    assert "Kraków" in khal("list", "2023-12-11", "1d")


def test_khal_imports_a_single_download(client, archive, khal, tmp_path):
    download = tmp_path / "charleroi.ics"
    download.write_bytes(client.get("/editions/charleroi-2024/calendar.ics").content)
    khal("import", "--batch", "-a", "cmr", str(download))
    assert "Charleroi" in khal("list", "2024-11-27", "1d")
