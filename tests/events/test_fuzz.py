"""Generated requests at every public URL (how many: the hypothesis profile, tests/conftest.py): a 4xx
at worst, never a 5xx."""

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from tests.public_urls import PUBLIC_URLS

# Every public URL, and those that take input of other kinds.
URLS = [*PUBLIC_URLS, "/editions/charleroi-2024/agenda.ics", "/healthz", "/robots.txt", "/admin/login/"]
HEADERS = ["If-None-Match", "If-Modified-Since", "Accept", "Cookie", "Referer", "User-Agent", "Range"]
LATIN1 = st.characters(min_codepoint=0x20, max_codepoint=0xFF, exclude_characters="\x7f")
PARAMETERS = ["year", "country", "series", "page", "next", "q", "utm_source", ""]

# Anything a request can carry; bytes that are not UTF-8 come in raw_query.
UTF8 = st.characters(codec="utf-8")
garbage = st.one_of(
    st.text(UTF8, max_size=300),
    st.text(UTF8, min_size=1000, max_size=5000),
    st.sampled_from(["\x00", "%00", "0" * 500, "-1", "99999999999999999999", "2024\x00", "../../etc/passwd"]),
    st.sampled_from(["<script>alert(1)</script>", "' OR 1=1 --", "%ff%fe", "%c0%af", "\ufeff\u202e"]),
)
# Raw bytes for the query string, including bytes that are not UTF-8.
raw_query = st.binary(max_size=400).map(lambda b: b.decode("latin-1"))


@pytest.fixture
def visitor(archive):
    return Client(raise_request_exception=False)


def assert_not_5xx(response, what):
    assert response.status_code < 500, f"{response.status_code} for {what!r}"


@given(
    url=st.sampled_from(URLS),
    params=st.dictionaries(st.sampled_from(PARAMETERS), garbage, max_size=4),
)
def test_garbage_query_parameters_never_give_a_5xx(visitor, url, params):
    assert_not_5xx(visitor.get(url, params), (url, params))


@given(url=st.sampled_from(URLS), query=raw_query)
def test_raw_non_utf8_query_strings_never_give_a_5xx(visitor, url, query):
    assert_not_5xx(visitor.generic("GET", url, QUERY_STRING=query), (url, query))


@given(
    path=st.one_of(
        # Django's test client reads "//x" as a host; gunicorn's test sends such paths raw.
        st.text(UTF8, max_size=200).map(lambda t: "/" + t.lstrip("/")),
        st.text(UTF8, min_size=2000, max_size=9000).map(lambda t: "/editions/" + t),
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_", max_size=150).map(
            lambda slug: f"/editions/{slug}/"
        ),
        st.sampled_from(URLS).flatmap(lambda url: st.text(UTF8, max_size=50).map(lambda t: url + t)),
    )
)
def test_random_and_overlong_paths_and_unknown_slugs_never_give_a_5xx(visitor, path):
    assert_not_5xx(visitor.get(path), path)


@given(
    url=st.sampled_from(URLS),
    method=st.sampled_from(["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND"]),
    body=st.binary(max_size=2000),
)
def test_wrong_methods_never_give_a_5xx(visitor, url, method, body):
    response = visitor.generic(method, url, body, content_type="application/octet-stream")
    assert_not_5xx(response, (method, url))
    if url not in ("/admin/login/", "/healthz") and method != "OPTIONS":
        assert response.status_code in (403, 405), (method, url, response.status_code)


@given(
    url=st.sampled_from(URLS),
    headers=st.dictionaries(
        st.sampled_from(HEADERS),
        # What a WSGI server hands over: latin-1 text without control characters.
        st.text(LATIN1, max_size=4000),
        max_size=4,
    ),
)
def test_garbage_headers_never_give_a_5xx(visitor, url, headers):
    assert_not_5xx(visitor.get(url, headers=headers), (url, headers))


@pytest.mark.parametrize("url", ["/", "/editions/", "/editions/charleroi-2024/"])
def test_post_to_a_public_page_is_405_and_says_what_is_allowed(visitor, url):
    response = visitor.post(url, {"a": "b"})
    assert response.status_code == 405 and response["Allow"] == "GET, HEAD"
