"""The apps' layers, as README's "What is here" draws them: a module imports only from its own app
and the apps below it, deferred imports (inside functions) included, and no app module is over 400
lines. The same rule, checked on every module, so a new import that points up fails here first."""

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.db_independent

ROOT = Path(__file__).resolve().parents[2]
# Lowest first. Apps of the same rank do not import each other (hosting never from registrations).
RANKS = {
    "common": 0,
    "mail": 1,
    "events": 2,
    "registrations": 3,
    "hosting": 3,
    "alerts": 4,
    "attendance": 4,
    "feedback": 5,
    "desk": 6,
    "ops": 7,
    "cmr_site": 8,
}
MAX_LINES = 400


def app_modules():
    for app in RANKS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield app, path


def imported_apps(path):
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top in RANKS:
                yield top, node.lineno


def test_every_module_imports_only_from_its_own_app_and_the_apps_below_it():
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {other}"
        for app, path in app_modules()
        for other, line in imported_apps(path)
        if other != app and RANKS[other] >= RANKS[app]
    ]
    assert wrong == []


def test_no_module_of_the_apps_is_over_400_lines():
    long = [
        f"{path.relative_to(ROOT)}: {lines} lines"
        for _, path in app_modules()
        if (lines := len(path.read_text().splitlines())) > MAX_LINES
    ]
    assert long == []


def test_the_check_sees_an_import_that_points_up(tmp_path):
    module = tmp_path / "upward.py"
    module.write_text("def f():\n    from registrations.models import Registration\n")
    assert list(imported_apps(module)) == [("registrations", 2)]
