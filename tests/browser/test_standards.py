"""Every public page: zero axe-core violations (WCAG 2.2 AA rules) and valid HTML (the Nu Html Checker,
tests/browser/standards.py)."""

import pytest
from django.test import Client

from events.models import Edition

from .conftest import page_paths
from .standards import axe_violations, nu_errors, saved
from .test_layout import PAGES

# The browser's look: the same on either database, so it runs once, in the PostgreSQL suite
# (whose other tests take less time than the SQLite suite's).
pytestmark = [pytest.mark.db_independent, pytest.mark.postgresql_suite]


def with_map_markers():
    """The seeds give no coordinates; these two put markers on the archive's map."""
    for slug, lat, lon in (("krakow-2023", 50.0647, 19.945), ("charleroi-2024", 50.4108, 4.4446)):
        edition = Edition.objects.get(slug=slug)
        edition.latitude, edition.longitude = lat, lon
        edition.save()


@pytest.mark.parametrize("width", [375, 1440])
def test_every_public_page_has_zero_axe_violations(browser, live_archive, width):
    with_map_markers()
    # The site's CSP allows no injected script; the checker is not part of the site.
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 900})
    page = context.new_page()
    found = {}
    for path in page_paths(PAGES).values():
        page.goto(live_archive.url + path)
        violations = axe_violations(page)
        if violations:
            found[path] = violations
    context.close()
    assert found == {}


def test_every_public_page_is_valid_html(live_archive, tmp_path):
    with_map_markers()
    assert nu_errors(saved(Client(), page_paths(PAGES), tmp_path)) == []
