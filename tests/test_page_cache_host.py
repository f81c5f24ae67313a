"""The page cache checks the Host header before it answers, and keeps each host's pages apart."""

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


def test_each_allowed_host_has_its_own_cached_pages(client):
    assert client.get("/", HTTP_HOST="localhost")["X-Cache"] == "miss"
    assert client.get("/", HTTP_HOST="127.0.0.1")["X-Cache"] == "miss"
    assert client.get("/", HTTP_HOST="localhost")["X-Cache"] == "hit"
