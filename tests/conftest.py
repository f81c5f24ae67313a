import datetime

import pytest
from django.core.management import call_command

from events.timezones import zone

BRUSSELS = zone("Europe/Brussels")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads and renditions go to a fresh folder per test, never to media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def archive(db):
    """The real archive from fixtures/, as make run loads it."""
    call_command("loaddata", "fixtures/archive.json", verbosity=0)


@pytest.fixture
def at(time_machine):
    """Moves the clock: at(2024, 11, 28, 23, 30, zone="Europe/Brussels")."""

    def travel(*args, zone_name="Europe/Brussels"):
        instant = datetime.datetime(*args, tzinfo=zone(zone_name))
        time_machine.move_to(instant, tick=False)
        return instant

    return travel
