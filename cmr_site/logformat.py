"""The one log format of the site and of gunicorn: a JSON object per line.

Shared by settings.LOGGING and gunicorn.conf.py, so a log collector reads
both alike. Every line is written without e-mail addresses and without signed
values: a registrant's, applicant's or subscriber's link opens their page and
never expires, so a request log that kept it would keep the key to their data.
"""

import re

from pythonjsonlogger.json import JsonFormatter

# What django.core.signing makes: value[:timestamp]:signature, the signature 43 characters of
# URL-safe base64 (HMAC-SHA256). The colon may come percent-encoded in a path or query string.
_COLON = r"(?::|%3[Aa])"
# Starting only where a run of [\w-] starts: tried at every character, a long run (an 8 KB path
# of letters) would be read once per character, seconds of work for one log line.
SIGNED_VALUE = re.compile(rf"(?<![\w-])[\w-]+(?:{_COLON}[0-9A-Za-z]+)?{_COLON}[\w-]{{43}}(?![\w-])")
# An address whole: its local part may hold almost anything (Django accepts ' & + = ? / among
# others, and a query string percent-encodes them), so it is the run of characters before the
# @ (or %40) up to whatever ends a word, a JSON string, a parameter's name or a path segment.
# "&" is not such an end: "ana&bob@" is one address, and "=" already ends a parameter's name.
# A match starts only where such a run starts, and a domain's label never runs over a dot or
# another %40, so a long line is read in linear time, not once per character.
_LABEL = r"(?:[\w-]|%(?!2e|40)[0-9a-f]{2})++"
ADDRESS = re.compile(
    rf"""(?<![^\s"=?/<>])[^\s"=?/<>]+(?:@|%40){_LABEL}(?:(?:\.|%2e){_LABEL})+""", re.IGNORECASE
)


def redact(text):
    """Text fit for a log: signed values and e-mail addresses replaced by placeholders."""
    return ADDRESS.sub("<address>", SIGNED_VALUE.sub("<signed>", text))


class RedactingJsonFormatter(JsonFormatter):
    """python-json-logger's line, redacted whole: the message, its fields and any traceback."""

    def format(self, record):
        return redact(super().format(record))


JSON_FORMATTER = {
    "()": "cmr_site.logformat.RedactingJsonFormatter",
    "fmt": "%(levelname)s %(name)s %(message)s",
    "rename_fields": {"levelname": "level", "name": "logger"},
    # ISO 8601 in UTC, e.g. 2026-11-21T08:51:36.335008+00:00
    "timestamp": "time",
}
CONSOLE_HANDLER = {"class": "logging.StreamHandler", "formatter": "json"}
