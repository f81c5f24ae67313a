"""gunicorn settings for the site; every value can be set from the environment.

    gunicorn -c gunicorn.conf.py        (what `make serve` runs)

Requests are logged by the site itself (cmr_site.middleware), one JSON line
each; gunicorn's own messages go to standard error in the same format.
"""

import multiprocessing
import os
from pathlib import Path

import environ

from cmr_site.logformat import CONSOLE_HANDLER, JSON_FORMATTER

environ.Env.read_env(os.environ.get("ENV_FILE", str(Path(__file__).resolve().parent / ".env")))
env = environ.Env()

wsgi_app = "cmr_site.wsgi:application"
bind = env.list("GUNICORN_BIND", default=["127.0.0.1:8000"])
workers = env.int("GUNICORN_WORKERS", default=multiprocessing.cpu_count() * 2 + 1)
threads = env.int("GUNICORN_THREADS", default=1)
timeout = env.int("GUNICORN_TIMEOUT", default=30)
graceful_timeout = env.int("GUNICORN_GRACEFUL_TIMEOUT", default=30)
keepalive = env.int("GUNICORN_KEEPALIVE", default=5)
# Recycle workers now and then, staggered, so none grows for ever.
max_requests = env.int("GUNICORN_MAX_REQUESTS", default=10_000)
max_requests_jitter = env.int("GUNICORN_MAX_REQUESTS_JITTER", default=1_000)
# The reverse proxy's address, whose X-Forwarded-* headers gunicorn trusts.
forwarded_allow_ips = env.str("FORWARDED_ALLOW_IPS", default="127.0.0.1")
# Django loads once in the master; workers fork ready to serve.
preload_app = env.bool("GUNICORN_PRELOAD", default=True)
# gunicornc's socket. gunicorn's default is one path per user, which a second gunicorn (another
# `make serve`, a test server) takes over; `make serve` gives each run its own, in its run folder.
if control_socket_path := env.str("GUNICORN_CONTROL_SOCKET", default=""):
    control_socket = control_socket_path

# Off, and to stay off: the site's own request log leaves signed links out
# (cmr_site/logformat.py); gunicorn's access log would write each path as sent.
accesslog = None
errorlog = "-"
loglevel = env.str("LOG_LEVEL", default="info").lower()
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": JSON_FORMATTER},
    "handlers": {"console": CONSOLE_HANDLER},
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "level": loglevel.upper(), "propagate": False},
    },
}
