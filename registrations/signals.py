"""What registrations tells the apps above it, which it may not import (the layout's one way).

`anonymised`: sent by registrations_retention.anonymise() inside its transaction, with `pks`,
the registrations it has just anonymised, so that an app keeping personal data of its own with a
registration (feedback's free-text answers) forgets it in the same commit. Receivers are
connected in their app's AppConfig.ready().
"""

from django.dispatch import Signal

anonymised = Signal()
