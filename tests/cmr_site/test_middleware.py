"""The client's address (cmr_site.middleware.ProxiedClientAddressMiddleware): from the proxy only."""

import subprocess
import sys

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from cmr_site.middleware import ProxiedClientAddressMiddleware


def seen_address(settings, peer, forwarded=None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    request = RequestFactory().get("/", REMOTE_ADDR=peer, **headers)
    ProxiedClientAddressMiddleware(lambda request: HttpResponse())(request)
    return request.META["REMOTE_ADDR"]


def test_without_a_proxy_a_clients_x_forwarded_for_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert seen_address(settings, "127.0.0.1", "203.0.113.9") == "127.0.0.1"
    assert seen_address(settings, "198.51.100.7", "203.0.113.9") == "198.51.100.7"


def test_behind_a_proxy_only_the_proxys_x_forwarded_for_is_believed(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    assert seen_address(settings, "127.0.0.1", "203.0.113.9") == "203.0.113.9"
    assert seen_address(settings, "10.1.2.3", "2001:db8::1") == "2001:db8::1"
    # The right-most entry is the one the proxy wrote.
    assert seen_address(settings, "127.0.0.1", "192.0.2.1, 203.0.113.9") == "203.0.113.9"
    # From anyone else, or not an address at all: the peer stays.
    assert seen_address(settings, "198.51.100.7", "203.0.113.9") == "198.51.100.7"
    assert seen_address(settings, "127.0.0.1", "evil, <script>") == "127.0.0.1"
    assert seen_address(settings, "127.0.0.1") == "127.0.0.1"


def test_behind_proxy_trusts_the_addresses_gunicorn_trusts():
    code = "import django; django.setup(); from django.conf import settings; print(settings.TRUSTED_PROXIES)"
    base = {"DJANGO_SETTINGS_MODULE": "cmr_site.settings", "SECRET_KEY": "x" * 60, "ENV_FILE": "/dev/null"}
    for extra, expected in [
        ({"BEHIND_PROXY": "False"}, "[]"),
        ({"BEHIND_PROXY": "True"}, "['127.0.0.1']"),
        ({"BEHIND_PROXY": "True", "FORWARDED_ALLOW_IPS": "10.0.0.5,10.0.0.6"}, "['10.0.0.5', '10.0.0.6']"),
    ]:
        env = {**base, "PATH": "/usr/bin:/bin", "DEBUG": "True", **extra}
        result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
        assert result.stdout.strip() == expected, (extra, result.stderr)


def test_a_proxy_list_that_is_not_addresses_is_refused(settings):
    settings.TRUSTED_PROXIES = ["*"]
    with pytest.raises(Exception, match="FORWARDED_ALLOW_IPS"):
        ProxiedClientAddressMiddleware(lambda request: HttpResponse())
