"""Two app servers behind one nginx, sharing PostgreSQL and Redis, as the site runs when it
outgrows one machine (README, "Two or more app servers").

Each node is its own gunicorn with its own workers; they share only what a second machine
would share: DATABASE_URL, CACHE_URL, SECRET_KEY and the media folder. Whatever one node
does, the other must see: a signed-in organiser, an edit, a place taken, a client's count.
"""

import http.cookiejar
import json
import os
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from functools import partial

import psycopg
import pytest
import redis

from tests.servers import collected_static, gunicorn, manage, nginx, nginx_path, site_env, throwaway_database

# Real app servers, databases and caches: not part of the fast suite. PostgreSQL whichever
# database the suite runs on, so once is enough.
pytestmark = [pytest.mark.services, pytest.mark.db_independent]

# Several app servers need PostgreSQL whatever the suite runs on: SQLite is one machine's file.
PG_URL = os.environ.get("TEST_PG_URL", "postgres://cmr@127.0.0.1:54329/cmr")
# The suite's Redis database (each suite has its own), emptied at the start: no other test's keys count.
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:63799/0")
ADMIN_PASSWORD = "a-long-test-admin-passphrase"
LIMIT_PER_ADDRESS = 3
RACES = 5

# Run in the throwaway database by `manage.py shell`, with the nodes' own settings and secret,
# so the signed confirmation links it prints are the ones the nodes accept.
SEED = f"""
import json
from registrations import flow
from tests.registrations_helpers import on_site_edition

def registrant(edition, name):
    return flow.create(edition, name=name, email=f"{{name}}@example.org", organisation="O",
                       country="BE", kind="cluster")

races = []
for n in range({RACES}):
    edition = on_site_edition(slug=f"last-place-{{n}}", registration_places=2)
    flow.confirm(registrant(edition, f"first-{{n}}").pk)
    races.append([registrant(edition, f"{{who}}-{{n}}").confirm_token() for who in ("ann", "bob")])
page = on_site_edition(slug="cached-page", title="Clusters meet Regions: Cached City")
on_site_edition(slug="limited")
print(json.dumps({{"page": page.pk, "races": races}}))
"""


class Browser:
    """A visitor with cookies, like a browser: the same jar whichever address it calls."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def open(self, url, form=None, headers=None):
        """(status, final URL, body), 4xx answers included."""
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        request = urllib.request.Request(url, data, headers=headers or {})
        try:
            with self.opener.open(request, timeout=20) as response:
                return response.status, response.url, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.url, error.read()

    def post_form(self, page, form, to=None):
        """Fetches `page` for its CSRF token and posts `form` with it, to `to` or the page itself."""
        return self.open(to or page, {"csrfmiddlewaretoken": csrf_token(self.open(page)[2]), **form})


def csrf_token(html):
    return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1).decode()


def at_once(*calls):
    """Runs the calls in threads released together; their results, in order."""
    start = threading.Barrier(len(calls))

    def run(call):
        start.wait()
        return call()

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


def requests_answered(node, method, path):
    """The statuses of `node`'s request log lines for `method` `path`, in order."""
    lines = [json.loads(line) for line in node.log.read_text().splitlines() if line.startswith("{")]
    return [r["status"] for r in lines if r.get("method") == method and r.get("path") == path]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The nodes' common environment, a migrated PostgreSQL database and the seeded data."""
    if nginx_path() is None:
        pytest.fail("nginx is missing: run `make debian-tools` (or `make test`), which installs it.")
    try:
        redis.Redis.from_url(REDIS_URL).flushdb()
    except redis.RedisError as error:
        pytest.fail(f"No Redis at {REDIS_URL} ({error}): run `make test`, which starts one.")
    # One media folder for both nodes, as NFS or object storage would give them.
    media_root = tmp_path_factory.mktemp("shared-media")
    with throwaway_database(PG_URL, migrated=True) as database_url:
        env = site_env(
            database_url,
            STATIC_ROOT=collected_static(),
            MEDIA_ROOT=media_root,
            CACHE_URL=REDIS_URL,
            BEHIND_PROXY="True",
            LIMIT_PER_ADDRESS=LIMIT_PER_ADDRESS,
        )
        manage(
            {**env, "DJANGO_SUPERUSER_PASSWORD": ADMIN_PASSWORD},
            *("createsuperuser", "--noinput", "--username", "admin", "--email", "admin@example.org"),
        )
        seeded = json.loads(manage(env, "shell", "--no-imports", "-c", SEED).stdout.strip().splitlines()[-1])
        yield env, database_url, seeded


@pytest.fixture(scope="module")
def nodes(site):
    """Node A and node B, two gunicorns with two workers each, and nginx taking them in turns."""
    env, _, _ = site
    with gunicorn(env, workers=2) as a, gunicorn(env, workers=2) as b, nginx(env, [a, b]) as proxy:
        yield a, b, proxy


def statuses(database_url, emails):
    with psycopg.connect(database_url) as connection:
        rows = connection.execute(
            "SELECT email, status FROM registrations_registration WHERE email = ANY(%s)", [emails]
        ).fetchall()
    return dict(rows)


def test_an_organiser_signed_in_through_nginx_is_signed_in_on_either_node(nodes):
    a, b, proxy = nodes
    organiser = Browser()
    status, url, _ = organiser.post_form(
        proxy.url + "/admin/login/?next=/admin/", {"username": "admin", "password": ADMIN_PASSWORD}
    )
    assert (status, url) == (200, proxy.url + "/admin/"), "signed in"
    for _ in range(4):  # nginx takes the nodes in turns
        assert organiser.open(proxy.url + "/admin/")[:2] == (200, proxy.url + "/admin/")
    # Each node answered some of those as signed in, and each does so when called by itself.
    assert 200 in requests_answered(a, "GET", "/admin/") and 200 in requests_answered(b, "GET", "/admin/")
    for node in (a, b):
        assert organiser.open(node.url + "/admin/")[:2] == (200, node.url + "/admin/"), node.url
    # Signing out on one node signs out on both.
    organiser.post_form(a.url + "/admin/", {}, to=a.url + "/admin/logout/")
    for node in (a, b):
        _, url, _ = organiser.open(node.url + "/admin/")
        assert url.startswith(node.url + "/admin/login/"), node.url


def test_an_edit_on_node_a_shows_at_once_on_node_b_whose_cached_page_was_shared(nodes, site):
    a, b, proxy = nodes
    _, _, seeded = site
    page = "/editions/cached-page/"

    def visit(node):
        """The page as a visitor without cookies gets it from `node`, through nginx's Host."""
        request = urllib.request.Request(node.url + page, headers={"Host": proxy.url.removeprefix("http://")})
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.headers["X-Cache"], response.read()

    cache, body = visit(a)
    assert cache == "miss" and b"has been postponed" not in body
    assert visit(b)[0] == "hit", "node B serves the page node A put in Redis"

    organiser = Browser()
    organiser.post_form(a.url + "/admin/login/", {"username": "admin", "password": ADMIN_PASSWORD})
    _, _, result = organiser.post_form(
        a.url + "/admin/events/edition/",
        {"action": "mark_postponed", "_selected_action": seeded["page"]},
    )
    assert b"1 edition marked postponed" in result

    for node in (b, a, b):
        assert b"has been postponed" in visit(node)[1], node.url
    with urllib.request.urlopen(proxy.url + page, timeout=20) as response:
        assert b"has been postponed" in response.read()


def test_two_confirmations_for_the_last_place_at_once_on_the_two_nodes_admit_exactly_one(nodes, site):
    a, b, _ = nodes
    _, database_url, seeded = site
    for n, tokens in enumerate(seeded["races"]):
        registrants = [(f"ann-{n}@example.org", a), (f"bob-{n}@example.org", b)]
        presses = []
        for token, (_, node) in zip(tokens, registrants, strict=True):
            # The confirmation page first, for its CSRF cookie and token; it confirms nothing.
            browser, url = Browser(), f"{node.url}/registrations/confirm/{token}/"
            csrf = csrf_token(browser.open(url)[2])
            presses.append(partial(browser.open, url, {"csrfmiddlewaretoken": csrf}))
        answers = [status for status, _, _ in at_once(*presses)]
        assert answers == [200, 200], "both redirected to their registration's page"
        found = statuses(database_url, [email for email, _ in registrants])
        assert sorted(found.values()) == ["approved", "waiting"], (n, found)
        with psycopg.connect(database_url) as connection:
            (held,) = connection.execute(
                "SELECT count(*) FROM registrations_registration r JOIN events_edition e"
                " ON e.id = r.edition_id WHERE e.slug = %s AND r.status = 'approved'",
                [f"last-place-{n}"],
            ).fetchone()
        assert held == 2, "the two places of the edition, never three"


def test_the_limit_per_address_counts_the_requests_of_both_nodes_together(nodes):
    a, b, proxy = nodes
    # The limit counts per clock hour: a run astride the hour would count in two windows.
    if 3600 - time.time() % 3600 < 10:
        time.sleep(3600 - time.time() % 3600 + 1)
    path = "/editions/limited/register/"
    client = Browser()
    csrf = csrf_token(client.open(proxy.url + path)[2])
    # Incomplete forms, each counted before it is checked; nginx alternates between the nodes.
    answers = [client.open(proxy.url + path, {"csrfmiddlewaretoken": csrf, "name": "x"})[0]
               for _ in range(LIMIT_PER_ADDRESS + 1)]  # fmt: skip
    assert answers == [400] * LIMIT_PER_ADDRESS + [429]
    posts = [len(requests_answered(node, "POST", path)) for node in (a, b)]
    assert sorted(posts) == [(LIMIT_PER_ADDRESS + 1) // 2, (LIMIT_PER_ADDRESS + 2) // 2], "in turns"
    # Another client (its address set by the proxy, as nginx does) has a count of its own.
    elsewhere = {"X-Forwarded-For": "203.0.113.9"}
    assert client.open(b.url + path, {"csrfmiddlewaretoken": csrf, "name": "x"}, elsewhere)[0] == 400
