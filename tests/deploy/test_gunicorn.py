"""The site as it is deployed: gunicorn, WhiteNoise, a shared Redis cache, real HTTP."""

import gzip
import http.cookiejar
import json
import os
import re
import socket
import urllib.error
import urllib.parse
import urllib.request

import brotli
import pytest
import redis

from tests.servers import collected_static, gunicorn, manage, site_env, throwaway_database

# Real app servers, databases and caches: not part of the fast suite.
pytestmark = pytest.mark.services

ADMIN_PASSWORD = "a-long-test-admin-passphrase"
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:63799/0")


def get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, dict(response.headers), response.read()


@pytest.fixture(scope="module")
def redis_url():
    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.RedisError as error:
        pytest.fail(f"No Redis at {REDIS_URL} ({error}): run `make test`, which starts one.")
    return REDIS_URL


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A migrated database with the archive, collected static files and one upload."""
    media_root = tmp_path_factory.mktemp("media")
    (media_root / "editions").mkdir()
    (media_root / "editions" / "venue.png").write_bytes(
        bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000")
        + bytes.fromhex("1f15c4890000000d4944415478da63f8cfc0f01f0005000201a1c3b0e80000000049454e44ae426082")
    )
    with throwaway_database(migrated=True) as database_url:
        env = site_env(
            database_url, STATIC_ROOT=collected_static(), MEDIA_ROOT=media_root, SERVE_MEDIA="True"
        )
        manage(env, "loaddata", "fixtures/archive.json")
        manage(
            {**env, "DJANGO_SUPERUSER_PASSWORD": ADMIN_PASSWORD},
            *("createsuperuser", "--noinput", "--username", "admin", "--email", "admin@example.org"),
        )
        yield env


@pytest.fixture(scope="module")
def server(site):
    """One gunicorn for the tests that only read from it (each start costs seconds of CPU); the
    tests that stop a server, read its log or share a cache start their own."""
    with gunicorn(site) as server:
        yield server


def test_static_files_have_hashed_names_compression_and_far_future_caching(server):
    _, _, page = get(server.url + "/")
    css = re.search(rb'href="(/static/css/site\.[0-9a-f]{12}\.css)"', page)
    assert css, "the stylesheet is linked by its hashed name"
    status, headers, body = get(server.url + css.group(1).decode(), {"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert b"font" in gzip.decompress(body)
    assert "max-age=315360000" in headers["Cache-Control"] and "immutable" in headers["Cache-Control"]
    _, headers, body = get(server.url + css.group(1).decode(), {"Accept-Encoding": "br"})
    assert headers["Content-Encoding"] == "br" and b"font" in brotli.decompress(body)


def test_uploads_are_served_with_their_type_and_nosniff(server):
    status, headers, _ = get(server.url + "/media/editions/venue.png")
    assert status == 200 and headers["Content-Type"] == "image/png"
    assert headers["X-Content-Type-Options"] == "nosniff"
    for path, code in [("/media/editions/missing.png", 404), ("/media/../cmr_site/settings.py", 400)]:
        with pytest.raises(urllib.error.HTTPError) as refused:
            get(server.url + path)
        assert refused.value.code == code, path


def test_each_request_is_one_json_log_line(site):
    with gunicorn(site, workers=1) as server:
        get(server.url + "/editions/?year=2023", {"User-Agent": "log-test"})
        with pytest.raises(urllib.error.HTTPError):
            get(server.url + "/editions/no-such-edition/")
        server.terminate()
        server.wait(timeout=15)
        records = [json.loads(line) for line in server.log.read_text().splitlines() if line.startswith("{")]
    requests = [r for r in records if r["logger"] == "cmr_site.request"]
    archive = next(r for r in requests if r["path"] == "/editions/")
    assert archive["status"] == 200 and archive["query"] == "year=2023"
    assert archive["user_agent"] == "log-test" and archive["duration_ms"] > 0
    assert next(r for r in requests if r["path"] == "/editions/no-such-edition/")["status"] == 404
    assert any(r["logger"] == "gunicorn.error" and "Booting worker" in r["message"] for r in records)
    assert all(r["time"].endswith("+00:00") for r in records)


def test_an_edit_through_one_app_server_shows_on_the_next_request_through_another(site, redis_url):
    shared = {**site, "CACHE_URL": redis_url}
    redis.Redis.from_url(redis_url).flushdb()
    page = "/editions/charleroi-2024/"
    with gunicorn(shared) as first, gunicorn(shared) as second:
        _, headers, body = get(first.url + page)
        assert headers["X-Cache"] == "miss" and b"has been postponed" not in body
        # The second server answers from the page the first one cached.
        _, headers, _ = get(second.url + page)
        assert headers["X-Cache"] == "hit"

        organiser = admin_session(first.url)
        changelist = first.url + "/admin/events/edition/"
        token = csrf_token(organiser.open(changelist).read())
        form = {"csrfmiddlewaretoken": token, "action": "mark_postponed", "_selected_action": "16"}
        with organiser.open(changelist, urllib.parse.urlencode(form).encode()) as response:
            assert b"1 edition marked postponed" in response.read()
        for server in (second, first, second):
            _, headers, body = get(server.url + page)
            assert b"has been postponed" in body, server.url
        assert headers["X-Cache"] == "hit"


def csrf_token(html):
    return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1).decode()


def admin_session(base):
    """A browser-like session, logged in to the admin as the superuser `site` created."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    login = base + "/admin/login/?next=/admin/"
    token = csrf_token(opener.open(login).read())
    form = {"csrfmiddlewaretoken": token, "username": "admin", "password": ADMIN_PASSWORD}
    with opener.open(login, urllib.parse.urlencode(form).encode()) as response:
        assert response.url.endswith("/admin/"), "logged in"
    return opener


def test_pages_answer_conditional_requests_with_304(server):
    _, headers, _ = get(server.url + "/editions/")
    request = urllib.request.Request(server.url + "/editions/", headers={"If-None-Match": headers["ETag"]})
    with pytest.raises(urllib.error.HTTPError) as not_modified:
        urllib.request.urlopen(request, timeout=10)
    assert not_modified.value.code == 304


def raw_status(url, request):
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(request)
        return int(connection.recv(200).split(b" ", 2)[1])


def test_huge_headers_and_request_lines_are_refused_with_a_4xx(server):
    huge_header = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * 100_000 + b"\r\n\r\n"
    many_headers = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + b"X-A: b\r\n" * 500 + b"\r\n"
    long_line = b"GET /" + b"a" * 20_000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    nul_path = b"GET /editions/\x00/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    for request in (huge_header, many_headers, long_line, nul_path):
        assert 400 <= raw_status(server.url, request) < 500
    for odd in (b"//[", b"//evil.example/", b"/%ff%fe/", b"/editions/%00/"):
        status = raw_status(server.url, b"GET " + odd + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        assert status < 500, (odd, status)
    assert raw_status(server.url, b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n") == 200
