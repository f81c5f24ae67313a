"""The site behind Debian's nginx with deploy/nginx.conf, as `make serve` and a deployment run it."""

import gzip
import http.client
import json
import shutil
import socket
import tempfile
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

from tests.servers import collected_static, gunicorn, manage, nginx, nginx_path, site_env, throwaway_database

# Real app servers, databases and caches: not part of the fast suite.
pytestmark = pytest.mark.services

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d4944415478da63f8cfc0f01f0005000201a1c3b0e80000000049454e44ae426082"
)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def get(url, headers=None, timeout=10):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.status, response.headers, response.read()


def request_log(server):
    lines = server.log.read_text().splitlines()
    return [r for r in map(json.loads, filter(lambda line: line.startswith("{"), lines)) if "path" in r]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The archive, collected static files and a few uploads, for gunicorn behind nginx."""
    if nginx_path() is None:
        pytest.fail(
            "nginx is missing: run `make debian-tools` (or `make test`), which installs Debian's nginx."
        )
    # nginx's workers run as nobody, so the uploads sit in a folder anyone may read.
    media_root = Path(tempfile.mkdtemp(prefix="cmr-nginx-media-"))
    media_root.chmod(0o755)
    (media_root / "editions").mkdir(mode=0o755)
    for name, content in [
        ("venue.png", PNG),
        ("photo.jpeg", b"\xff\xd8\xff\xe0 not really a jpeg"),
        ("report.pdf", PDF),
        ("page.html", b"<script>alert(1)</script>"),
        ("drawing.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"),
    ]:
        (media_root / "editions" / name).write_bytes(content)
        (media_root / "editions" / name).chmod(0o644)
    with throwaway_database(migrated=True) as database_url:
        env = site_env(
            database_url,
            STATIC_ROOT=collected_static(),
            MEDIA_ROOT=media_root,
            BEHIND_PROXY="True",
        )
        manage(env, "loaddata", "fixtures/archive.json")
        yield env
    shutil.rmtree(media_root)


@pytest.fixture(scope="module")
def servers(site):
    """gunicorn with two sync workers, and nginx in front of it."""
    with gunicorn(site, workers=2) as app, nginx(site, app) as proxy:
        yield app, proxy


@contextmanager
def slow_clients(port, count=40):
    """`count` connections that send a request header one byte every 0.2 s, never finishing it."""
    header = b"GET /editions/ HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow" + b"w" * 4000
    sockets = [socket.create_connection(("127.0.0.1", port)) for _ in range(count)]
    stop = threading.Event()

    def drip():
        for byte in header:
            for sock in sockets:
                with suppress(OSError):  # nginx may have dropped one already
                    sock.send(bytes([byte]))
            if stop.wait(0.2):
                return

    thread = threading.Thread(target=drip, daemon=True)
    thread.start()
    try:
        time.sleep(1.5)
        yield
    finally:
        stop.set()
        thread.join()
        for sock in sockets:
            sock.close()


def timed_get(url, timeout):
    started = time.perf_counter()
    try:
        status = get(url, timeout=timeout)[0]
    except (TimeoutError, urllib.error.URLError) as error:
        status = error
    return status, time.perf_counter() - started


def test_forty_slow_clients_do_not_hold_up_an_ordinary_request_through_nginx(servers):
    app, proxy = servers
    get(proxy.url + "/editions/")  # rendered and cached once, as for any visitor after the first
    with slow_clients(proxy.port):
        status, seconds = timed_get(proxy.url + "/editions/", timeout=10)
    print(f"/editions/ through nginx with 40 slow clients: {status} in {seconds:.3f} s")  # noqa: T201 (the measure)
    assert status == 200 and seconds < 1
    # The same crowd straight at gunicorn holds both its workers: this is what nginx prevents.
    with slow_clients(int(app.url.rsplit(":", 1)[1])):
        status, seconds = timed_get(app.url + "/editions/", timeout=3)
    print(f"/editions/ from gunicorn itself with 40 slow clients: {status!r} after {seconds:.3f} s")  # noqa: T201
    assert status != 200


def test_a_fifty_megabyte_body_is_refused_with_413_before_it_reaches_django(servers):
    app, proxy = servers
    body_size = 50 * 1024 * 1024
    with socket.create_connection(("127.0.0.1", proxy.port), timeout=10) as sock:
        sock.sendall(
            b"POST /admin/login/?huge=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/octet-stream\r\nConnection: close\r\n"
            + f"Content-Length: {body_size}\r\n\r\n".encode()
        )
        chunk = b"x" * (1024 * 1024)
        try:
            for _ in range(body_size // len(chunk)):
                sock.sendall(chunk)
        except OSError:
            pass  # nginx answered and closed without reading it all
        answer = sock.makefile("rb").readline()
    assert answer.startswith(b"HTTP/1.1 413"), answer
    # An ordinary POST, for comparison, reaches Django (403: no CSRF token).
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(urllib.request.Request(proxy.url + "/admin/login/?small=1", b"x=1"))
    assert refused.value.code == 403
    # The admin's queries are logged by their parameters' names only.
    queries = [record["query"] for record in request_log(app)]
    assert "small=<value>" in queries and not any("huge" in query for query in queries)
    assert "client intended to send too large body" in proxy.log.read_text()


def test_uploads_are_served_by_nginx_with_the_type_of_their_extension_and_nosniff(servers):
    app, proxy = servers
    for name, content_type in [
        ("venue.png", "image/png"),
        ("photo.jpeg", "image/jpeg"),
        ("report.pdf", "application/pdf"),
        ("page.html", "application/octet-stream"),
        ("drawing.svg", "application/octet-stream"),
    ]:
        status, headers, _ = get(f"{proxy.url}/media/editions/{name}")
        assert status == 200 and headers["Content-Type"] == content_type, name
        assert headers["X-Content-Type-Options"] == "nosniff", name
    with pytest.raises(urllib.error.HTTPError) as missing:
        get(proxy.url + "/media/editions/missing.png")
    assert missing.value.code == 404 and missing.value.headers["X-Content-Type-Options"] == "nosniff"
    assert not [record for record in request_log(app) if record["path"].startswith("/media/")]


def test_pages_calendars_feeds_and_data_are_compressed_by_nginx(servers):
    _, proxy = servers
    for path, content_type in [
        ("/editions/", "text/html"),
        ("/calendar.ics", "text/calendar"),
        ("/feeds/editions/", "application/atom+xml"),
        ("/sitemap.xml", "application/xml"),
        ("/editions.json", "application/json"),
        ("/editions.csv", "text/csv"),
    ]:
        _, headers, body = get(proxy.url + path, {"Accept-Encoding": "gzip"})
        assert headers["Content-Type"].startswith(content_type), path
        assert headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in headers["Vary"], path
        assert len(gzip.decompress(body)) > len(body), path


def test_django_sees_the_address_nginx_saw_never_one_the_client_claims(servers):
    app, proxy = servers

    def visit(port, marker):
        # From 127.0.0.2, so the client's address differs from nginx's own 127.0.0.1.
        connection = http.client.HTTPConnection(
            "127.0.0.1", port, timeout=10, source_address=("127.0.0.2", 0)
        )
        connection.request(
            "GET", f"/editions/?year=2023&{marker}", headers={"X-Forwarded-For": "203.0.113.9"}
        )
        assert connection.getresponse().status == 200
        connection.close()

    visit(proxy.port, "via=nginx")
    # Straight at gunicorn, the forged header is ignored too: 127.0.0.2 is not the proxy.
    visit(int(app.url.rsplit(":", 1)[1]), "via=direct")
    seen = {record["query"]: record["remote_addr"] for record in request_log(app)}
    assert seen["year=2023&via=nginx"] == "127.0.0.2"
    assert seen["year=2023&via=direct"] == "127.0.0.2"
