"""The site's settings plus the benchmark's own: its commands and the floor view.

Only `make bench` and `make loadtest` use these (DJANGO_SETTINGS_MODULE=bench.settings);
the production settings know nothing of them.
"""

from cmr_site.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405
ROOT_URLCONF = "bench.urls"
