"""Settings for the Clusters meet Regions site.

Everything that differs between machines comes from the environment (or a .env
file beside manage.py) through django-environ; see .env.example.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse_lazy

from .logformat import CONSOLE_HANDLER, JSON_FORMATTER

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# Values already in the environment win over the file; ENV_FILE names another file.
environ.Env.read_env(env.str("ENV_FILE", default=str(BASE_DIR / ".env")))

DEBUG = env.bool("DEBUG", default=False)

# A development key is only acceptable while DEBUG is on: a production server
# must never sign sessions with a key that is in the repository.
_DEV_SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET_KEY if DEBUG else "")
if not SECRET_KEY or (not DEBUG and SECRET_KEY in {_DEV_SECRET_KEY, "change-me-to-a-long-random-string"}):
    raise ImproperlyConfigured("Set SECRET_KEY in the environment: DEBUG is off.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS in the environment: DEBUG is off.")

# The public address used for canonical links and absolute URLs, never the
# Host header of whichever request happens to be served.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # django.contrib.admin, with a login that drops a `next` leading nowhere.
    "cmr_site.apps.OrganisersAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Django's own form templates, for FORM_RENDERER below.
    "django.forms",
    # Full-text search on PostgreSQL (the archive's search_vector); harmless on SQLite.
    "django.contrib.postgres",
    "django_countries",
    "csp",
    "imagekit",
    "simple_history",
    "cmr_site.apps.SignInLockoutsConfig",  # django-axes
    "events",
    "django_tasks",
    "cmr_site.apps.TaskQueueConfig",  # django-tasks-db
    "common",
    "mail",
    "registrations",
    "hosting",
    "alerts",
    "attendance",
    "feedback",
    "desk",
    "ops",
    # Last, as its documentation asks: deletes replaced and removed uploads
    # once the transaction commits (events/imagery/media.py removes their renditions).
    "django_cleanup.apps.CleanupConfig",
]

MIDDLEWARE = [
    # First: one log line per request, timed over everything below.
    "cmr_site.middleware.RequestLogMiddleware",
    # The client's address from the proxy, before anything (the log, axes) reads it.
    "cmr_site.middleware.ProxiedClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Answers If-None-Match / If-Modified-Since with 304 for every page.
    "django.middleware.http.ConditionalGetMiddleware",
    # Public pages from the cache: a hit skips everything below.
    "events.caching.PageCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    # Turns a lost database into a 503 page for every view below it.
    "cmr_site.middleware.DatabaseUnavailableMiddleware",
    # Outside every view's transaction: deletes uploads whose transaction rolled back.
    "events.imagery.media.DiscardUncommittedFilesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: it answers locked-out logins.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First, so a locked-out user is refused before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# The admin's address, e.g. "manage-8d2f/": not a secret, but it keeps the
# login page away from bots that try /admin/.
ADMIN_URL = env.str("ADMIN_URL", default="admin/").strip("/") + "/"
# Where a login lands without a usable `next` (another site's, or a path with no
# page): the admin, since organisers are the only ones who log in. Django's
# default, /accounts/profile/, is a 404 here.
LOGIN_REDIRECT_URL = reverse_lazy("admin:index")

ROOT_URLCONF = "cmr_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "events.context_processors.site",
            ],
        },
    },
]

# Forms are drawn with the site's templates too: the public forms' fields come from
# templates/includes/ (common.forms), not from rules about field names in each page.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

WSGI_APPLICATION = "cmr_site.wsgi.application"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A dead database must not hang a worker: fail fast, answer 503.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 3)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    from .sqlite import PrivateFileConnection

    # gunicorn's workers, the task worker and the hourly jobs all write. WAL lets readers go on
    # during a write; IMMEDIATE takes the write lock at BEGIN, where SQLite can wait for it (up
    # to `timeout` seconds), instead of failing "database is locked" halfway through a
    # transaction. synchronous=NORMAL is safe with WAL and spares an fsync per commit.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE",
        timeout=env.int("SQLITE_TIMEOUT", default=20),
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        factory=PrivateFileConnection,
    )

# Local memory by default (one process); redis://host:6379/0 shares rendered
# pages between every worker and app server. Pages are keyed by the content
# revision kept in the database, so an edit shows everywhere at once.
# With DEBUG (make run) nothing is cached, so template edits show at once.
CACHES = {"default": env.cache("CACHE_URL", default="dummycache://" if DEBUG else "locmemcache://cmr")}
# Request limits (common.limits) are counted where every worker and app server sees them: in
# Redis when LIMITS_CACHE_URL, or else CACHE_URL, names one (an atomic INCR), otherwise in the
# database. Never in local memory, where each gunicorn worker would keep its own count.
_limits_cache = env.cache("LIMITS_CACHE_URL", default=env.str("CACHE_URL", default="dummycache://"))
if _limits_cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    CACHES["limits"] = _limits_cache
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# British English: the admin writes dates the European way ("27 Nov 2024", 27/11/2024, 14:30),
# with the 24-hour clock from cmr_site/formats. Public pages, feeds and calendars
# give every date an explicit format and say lang="en" themselves.
LANGUAGE_CODE = "en-gb"
FORMAT_MODULE_PATH = ["cmr_site.formats"]
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Brussels")
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
# Hashed names, gzip and Brotli copies, far-future Cache-Control (WhiteNoise).
STORAGES = {
    # The file system, taking back what a rolled-back request wrote (events/imagery/media.py).
    "default": {"BACKEND": "events.imagery.media.MediaStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

MEDIA_URL = "media/"
# Uploads are best served by the reverse proxy (see README); without one,
# the site serves them itself.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=DEBUG)
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
if not MEDIA_ROOT.is_absolute():
    MEDIA_ROOT = BASE_DIR / MEDIA_ROOT
# Hosting applications' support letters: never public, so never under MEDIA_ROOT (hosting/models.py).
HOSTING_LETTERS_ROOT = Path(env.str("HOSTING_LETTERS_ROOT", default=str(BASE_DIR / "private" / "letters")))

# Uploads: the largest file organisers may upload, and the most pixels an
# image may have (a small, highly compressed file can hold a huge image).
MAX_UPLOAD_SIZE = env.int("MAX_UPLOAD_MB", default=10) * 1024 * 1024
MAX_IMAGE_PIXELS = env.int("MAX_IMAGE_MEGAPIXELS", default=40) * 1_000_000
# Django's own limit on the fields one POST may carry, kept on purpose: it
# bounds the work a request can cause. The agenda, which can run to hundreds of
# sessions, has its own admin pages, so the Edition form holds only its own
# ~35 fields, its themes, and the host, partner and speaker inlines capped at
# 20, 40 and 80 rows (events/admin/editions.py): about 810 fields plus one per theme
# with every row full and ticked for deletion (tests/events/admin/test_agenda.py).
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
# Renditions are made when an image is saved, so pages never wait for them.
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "events.imagery.uploads.RenditionsFromPresentSource"
IMAGEKIT_CACHEFILE_DIR = "renditions"

# Password guessing on the admin login, for AXES_COOLOFF_MINUTES: a username
# from one address is locked after LOCKOUT_USERNAME_LIMIT failures, and the
# address itself, whatever usernames it tries, after LOCKOUT_ADDRESS_LIMIT
# (each try costs a PBKDF2 hash). The address is the real client's, from the
# proxy (ProxiedClientAddressMiddleware); cmr_site.lockout picks the limit
# and answers 429 with a page that says which lock applies.
LOCKOUT_USERNAME_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
LOCKOUT_ADDRESS_LIMIT = env.int("AXES_ADDRESS_FAILURE_LIMIT", default=20)
AXES_FAILURE_LIMIT = "cmr_site.lockout.failure_limit"
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_MINUTES", default=30) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
# REMOTE_ADDR, already the client's: axes must not read X-Forwarded-For itself,
# even if django-ipware gets installed.
AXES_CLIENT_IP_CALLABLE = "cmr_site.lockout.client_address"
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_LOCKOUT_CALLABLE = "cmr_site.lockout.lockout_response"
# A successful login does not wipe the address's failures: one valid account must
# not let its holder try other usernames without limit. Failures expire with the cool-off.
AXES_RESET_ON_SUCCESS = False

# `manage.py backup` writes JSON that keeps time stamps to the microsecond.
SERIALIZATION_MODULES = {"precisejson": "events.precise_json"}
# Archives hold password hashes: they go outside the project and the web roots,
# into a folder only this user can open, encrypted to these age public keys if given.
BACKUP_DIR = Path(env.str("BACKUP_DIR", default=str(Path.home() / ".local/share/cmr-backups"))).expanduser()
BACKUP_ENCRYPT_TO = env.list("BACKUP_ENCRYPT_TO", default=[])

# Security. Behind HTTPS (the default with DEBUG off): redirect, HSTS and
# secure cookies. HTTPS=False only for trying `make serve` on 127.0.0.1.
HTTPS = env.bool("HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
# Load balancers probe over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("HSTS_SECONDS", default=31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
# Only organisers have sessions: one lasts a working day, not Django's two weeks.
# Expired ones are deleted hourly by `manage.py clearsessions` (deploy/cmr-clearsessions.timer,
# and deploy/serve.sh for `make serve`).
SESSION_COOKIE_AGE = env.int("SESSION_HOURS", default=10) * 3600
CSRF_COOKIE_HTTPONLY = True
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[SITE_URL])
# A refused form gets the site's own 403 page, which says to reload the form.
CSRF_FAILURE_VIEW = "events.views.site.csrf_failure"
# Set where a reverse proxy (deploy/nginx.conf) sets X-Forwarded-Proto and
# X-Forwarded-For itself. Only requests from the proxy's own addresses (those
# gunicorn trusts too) have their X-Forwarded-For believed; without a proxy,
# nobody's is.
BEHIND_PROXY = env.bool("BEHIND_PROXY", default=False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
TRUSTED_PROXIES = env.list("FORWARDED_ALLOW_IPS", default=["127.0.0.1"]) if BEHIND_PROXY else []
# Django's defaults already send X-Frame-Options: DENY, nosniff, Referrer-Policy:
# same-origin and Cross-Origin-Opener-Policy: same-origin.

# No inline script or style anywhere, and nothing from other hosts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# One JSON object per line on standard error: requests (cmr_site.middleware),
# errors with their tracebacks, gunicorn's own messages.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": JSON_FORMATTER},
    "handlers": {"console": CONSOLE_HANDLER},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's own line per 4xx/5xx would repeat the request log's.
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
        # Axes logs every successful login at INFO.
        "axes": {"level": "WARNING"},
    },
}

# E-mail and background tasks (registrations).
# EMAIL_URL in django-environ's form: smtp://user:password@host:587/?tls=True,
# smtp+ssl://…:465, or consolemail:// to print messages (make run).
vars().update(env.email_url("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://127.0.0.1:25"))
# A dead mail server must not hold a worker for minutes: the task retries later.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Clusters meet Regions <noreply@localhost>")
# Where replies go (every e-mail's Reply-To, mail.emails.reply_to): a mailbox the organisers read.
# An edition's contact address takes its place in e-mails about that edition. By default the
# sender's address, which is right where the sender is a mailbox someone reads; set it where
# DEFAULT_FROM_EMAIL is a no-reply address, or replies are lost (`manage.py check --deploy` says so).
ORGANISERS_EMAIL = env.str("ORGANISERS_EMAIL", default=DEFAULT_FROM_EMAIL)
# How long a sender holds a queued e-mail (mail.delivery): one that died with it leaves it
# to be sent again after this; one that lost the database meanwhile may record it as sent till then.
MAIL_CLAIM_SECONDS = env.int("MAIL_CLAIM_SECONDS", default=300)
# Work that can fail or wait (e-mail) runs in `manage.py db_worker`, from a queue
# kept in the database; with DEBUG (make run) it runs at once, in the request.
TASKS = {
    "default": {
        "BACKEND": env.str(
            "TASKS_BACKEND",
            default="django_tasks.backends.immediate.ImmediateBackend"
            if DEBUG
            else "django_tasks_db.DatabaseBackend",
        )
    }
}
# Personal data of registrants is anonymised this many days after their edition
# (`manage.py registrations_retention`, daily); counts by country and kind stay.
REGISTRATION_RETENTION_DAYS = env.int("REGISTRATION_RETENTION_DAYS", default=30)
# Against bots: requests that send e-mail (registration, an application to host, an alerts
# sign-up) a client address, and an e-mail address, may send per hour before the form answers 429.
LIMIT_PER_ADDRESS = env.int("LIMIT_PER_ADDRESS", default=10)
LIMIT_PER_EMAIL = env.int("LIMIT_PER_EMAIL", default=3)
# The daily digest of what waits for organisers and host teams (`manage.py send_digests`, hourly)
# goes from this hour on, in this zone: the organisers' morning.
DIGEST_HOUR = env.int("DIGEST_HOUR", default=8)
DIGEST_TIME_ZONE = env.str("DIGEST_TIME_ZONE", default=TIME_ZONE)
# How long an address confirmation link works (registrants, applicants to host, alert subscribers).
CONFIRM_LINK_DAYS = env.int("CONFIRM_LINK_DAYS", default=7)
# Applicants' contact person, e-mail address and support letter are erased this many days after
# their call's last cut-off (`manage.py hosting_retention`, hourly).
HOSTING_RETENTION_DAYS = env.int("HOSTING_RETENTION_DAYS", default=180)
