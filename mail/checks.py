"""A deploy check: replies to the site's e-mails must reach a person."""

import re

from django.conf import settings
from django.core import checks

from .emails import write_to

NO_REPLY = re.compile(r"^(no|do[-._]?not)[-._]?reply", re.IGNORECASE)


@checks.register("mail", deploy=True)
def organisers_email_is_read(app_configs, **kwargs):
    if not NO_REPLY.match(write_to()):
        return []
    return [
        checks.Warning(
            f"ORGANISERS_EMAIL is {settings.ORGANISERS_EMAIL!r}: replies to the site's e-mails are lost.",
            hint="Set ORGANISERS_EMAIL to a mailbox the organisers read (.env.example).",
            id="mail.W001",
        )
    ]
