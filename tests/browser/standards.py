"""The two checkers every page, flow step and admin page answers to: axe-core in the browser (WCAG 2.2
AA, and axe's best practices) and the Nu Html Checker (valid HTML).

Both come from npm (tests/browser/package.json, pinned in its lock file); `make test` installs them,
and Java for the Nu checker, where missing.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

TOOLS = Path(__file__).resolve().parent / "node_modules"
AXE = TOOLS / "axe-core" / "axe.min.js"
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
# WCAG 2.2 AA, and axe's best practices (heading order, landmarks, every part in a region).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# Only the violations: what passed and what axe could not decide are not asked for, which spares
# axe describing every node it looked at (a third of its time on an admin page).
AXE_RUN = "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"


def require(path):
    if not path.exists():
        pytest.fail(f"{path} is missing: run `make test`, which installs the browser test tools with npm.")


def axe_violations(page):
    """axe-core's violations on the page as it is now, as "rule (impact): the first three elements".

    The page's context must bypass the site's CSP (which allows no injected script): the checker
    is not part of the site."""
    require(AXE)
    page.evaluate(AXE.read_text())
    result = page.evaluate(AXE_RUN, AXE_TAGS)
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]
    ]


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
