"""The one log format of the site and of gunicorn: a JSON object per line.

Shared by settings.LOGGING and gunicorn.conf.py, so a log collector reads
both alike.
"""

JSON_FORMATTER = {
    "()": "pythonjsonlogger.json.JsonFormatter",
    "fmt": "%(levelname)s %(name)s %(message)s",
    "rename_fields": {"levelname": "level", "name": "logger"},
    # ISO 8601 in UTC, e.g. 2026-11-21T08:51:36.335008+00:00
    "timestamp": "time",
}
CONSOLE_HANDLER = {"class": "logging.StreamHandler", "formatter": "json"}
