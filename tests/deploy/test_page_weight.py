"""Every public page, its HTML and the stylesheet together, stays under 60 KB gzipped."""

import gzip
import io

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.browser.conftest import open_a_call, page_paths
from tests.browser.test_layout import PAGES

BUDGET = 60 * 1024
STYLESHEET = (settings.BASE_DIR / "static" / "css" / "site.css").read_bytes()


@pytest.mark.django_db
def test_every_public_page_with_its_stylesheet_is_under_60_kb_gzipped(client, archive):
    call_command("loaddemo", stdout=io.StringIO())
    open_a_call()
    css = len(gzip.compress(STYLESHEET))
    weights = {}
    for path in page_paths(PAGES).values():
        response = client.get(path)
        assert response.status_code == (404 if "no-such" in path else 200), path
        weights[path] = len(gzip.compress(response.content)) + css
    assert {path: size for path, size in weights.items() if size >= BUDGET} == {}
