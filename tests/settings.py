"""The site's settings for the test suite: production's, with set-up made cheap.

As pretalx and wagtail do, passwords are hashed with MD5 here: the default hasher spends
about a quarter of a second on every test user, which buys nothing in a test. Servers the
tests start in subprocesses (gunicorn, manage.py) keep the production settings.
"""

from cmr_site.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
