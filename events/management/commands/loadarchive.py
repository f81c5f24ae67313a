"""Loads the real archive (fixtures/archive.json) into a database without editions.

`loaddata` would overwrite organisers' later edits of those same records on
every start; this only fills an empty site.
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from events.models import Edition

ARCHIVE = settings.BASE_DIR / "fixtures" / "archive.json"


class Command(BaseCommand):
    help = "Load fixtures/archive.json, unless the database already has editions."

    def handle(self, *args, **options):
        if Edition.objects.exists():
            self.stdout.write("The database already has editions; the archive was not loaded again.")
            return
        call_command("loaddata", ARCHIVE, verbosity=options["verbosity"])
