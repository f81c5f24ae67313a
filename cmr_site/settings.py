"""Settings for the Clusters meet Regions site.

Everything that differs between machines comes from the environment (or a .env
file beside manage.py) through django-environ; see .env.example.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

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
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_countries",
    "imagekit",
    "simple_history",
    "axes",
    "events",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
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

WSGI_APPLICATION = "cmr_site.wsgi.application"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Brussels")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"

MEDIA_URL = "media/"
# Uploads are best served by the reverse proxy (see README); without one,
# the site serves them itself.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=DEBUG)
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
if not MEDIA_ROOT.is_absolute():
    MEDIA_ROOT = BASE_DIR / MEDIA_ROOT

# Uploads: the largest file organisers may upload, and the most pixels an
# image may have (a small, highly compressed file can hold a huge image).
MAX_UPLOAD_SIZE = env.int("MAX_UPLOAD_MB", default=10) * 1024 * 1024
MAX_IMAGE_PIXELS = env.int("MAX_IMAGE_MEGAPIXELS", default=40) * 1_000_000
# Renditions are made when an image is saved, so pages never wait for them.
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "imagekit.cachefiles.strategies.Optimistic"
IMAGEKIT_CACHEFILE_DIR = "renditions"

# Password guessing on the admin login: lock the username from that address
# out after AXES_FAILURE_LIMIT failures, for AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_MINUTES", default=30) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_RESET_ON_SUCCESS = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Organisers write Markdown; the Series, Edition and Host descriptions are
# rendered with it and cleaned with nh3 (see events/templatetags/markup.py).
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
