"""Every public page: zero axe-core violations (WCAG 2.2 AA rules) and valid HTML (the Nu Html Checker).

Both checkers come from npm (tests/browser/package.json, pinned in its lock
file); `make test` installs them, and Java for the Nu checker, where missing.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client

from events.models import Edition

from .conftest import page_paths
from .test_layout import PAGES

# The browser's look: the same on either database, so it runs once, in the PostgreSQL suite
# (whose other tests take less time than the SQLite suite's).
pytestmark = [pytest.mark.db_independent, pytest.mark.postgresql_suite]

TOOLS = Path(__file__).resolve().parent / "node_modules"
AXE = TOOLS / "axe-core" / "axe.min.js"
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
# WCAG 2.2 AA, and axe's best practices (heading order, landmarks, every part in a region).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def with_map_markers():
    """The seeds give no coordinates; these two put markers on the archive's map."""
    for slug, lat, lon in (("krakow-2023", 50.0647, 19.945), ("charleroi-2024", 50.4108, 4.4446)):
        edition = Edition.objects.get(slug=slug)
        edition.latitude, edition.longitude = lat, lon
        edition.save()


def require(path):
    if not path.exists():
        pytest.fail(f"{path} is missing: run `make test`, which installs the browser test tools with npm.")


@pytest.mark.parametrize("width", [375, 1440])
def test_every_public_page_has_zero_axe_violations(browser, live_archive, width):
    require(AXE)
    with_map_markers()
    # The site's CSP allows no injected script; the checker is not part of the site.
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 900})
    page = context.new_page()
    found = {}
    for path in page_paths(PAGES).values():
        page.goto(live_archive.url + path)
        page.evaluate(AXE.read_text())
        result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
        violations = [
            f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]
        ]
        if violations:
            found[path] = violations
    context.close()
    assert found == {}


def nu_errors(files):
    """The Nu Html Checker's errors in `files` ({file path: the page's path}), as "page:line: message"."""
    require(VNU)
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing: run `make test`, which installs it for the Nu Html Checker.")
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--stdout", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stdout)["messages"]
    return [
        f"{files[m['url'].removeprefix('file:')]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]


def saved(client, paths, folder):
    """Each page of `paths` ({name: path}) as `client` gets it, in a file: {file path: path}."""
    files = {}
    for name, path in paths.items():
        response = client.get(path)
        # Every page but the one kept to show the 404 page.
        assert response.status_code == (404 if name == "not-found" else 200), path
        file = folder / f"{name}.html"
        file.write_bytes(response.content)
        files[str(file)] = path
    return files


def test_every_public_page_is_valid_html(live_archive, tmp_path):
    with_map_markers()
    assert nu_errors(saved(Client(), page_paths(PAGES), tmp_path)) == []
