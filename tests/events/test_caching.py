"""The page cache checks the Host header before it answers; pages never depend on it."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_host_not_allowed_gets_400_even_when_the_page_is_cached(client):
    assert client.get("/")["X-Cache"] == "miss"
    assert client.get("/")["X-Cache"] == "hit"
    refused = client.get("/", HTTP_HOST="evil.example")
    assert refused.status_code == 400
    assert "X-Cache" not in refused


def test_a_host_header_with_a_port_or_junk_not_allowed_is_refused_on_a_cached_page(client):
    client.get("/")
    for host in ("testserver.evil.example", "evil.example:80", "testserver@evil.example"):
        assert client.get("/", HTTP_HOST=host).status_code == 400


def test_allowed_hosts_and_ports_share_one_entry_so_the_cache_cannot_be_filled_by_varying_them(client):
    first = client.get("/", HTTP_HOST="localhost")
    assert first["X-Cache"] == "miss"
    for host in ("127.0.0.1", "localhost:81", "127.0.0.1:65000"):
        answer = client.get("/", HTTP_HOST=host)
        assert answer.status_code == 200 and answer["X-Cache"] == "hit"
        # Built on SITE_URL, never on the Host header: the same page for every host.
        assert answer.content == first.content
