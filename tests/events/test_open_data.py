"""/editions.json and /editions.csv (events/views/open_data.py)."""

import csv
import io

import pytest

from tests.factories import EditionFactory

pytestmark = pytest.mark.django_db


def test_open_data_publishes_every_public_edition_in_a_stable_order(client, archive):
    EditionFactory(status="draft", slug="hidden-draft")
    data = client.get("/editions.json").json()
    slugs = [e["slug"] for e in data["editions"]]
    assert data["count"] == len(slugs) == 19 and "hidden-draft" not in slugs
    keys = [(e["start_date"], e["slug"]) for e in data["editions"]]
    assert keys == sorted(keys)
    charleroi = next(e for e in data["editions"] if e["slug"] == "charleroi-2024")
    assert charleroi["start_date"] == "2024-11-27" and charleroi["end_date"] == "2024-11-28"
    assert charleroi["country"] == "BE" and charleroi["city"] == "Charleroi"
    assert charleroi["url"] == "http://127.0.0.1:8000/editions/charleroi-2024/"
    assert list(charleroi) == data["fields"]

    response = client.get("/editions.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["slug"] for r in rows] == slugs
    assert rows[slugs.index("charleroi-2024")]["start_date"] == "2024-11-27"
    assert client.get("/editions.json").content == client.get("/editions.json").content


def test_csv_cells_never_start_a_spreadsheet_formula(client):
    EditionFactory(title='=HYPERLINK("https://evil.example")', city="+cmd|' /C calc'!A0")
    [row] = csv.DictReader(io.StringIO(client.get("/editions.csv").content.decode()))
    assert row["title"] == '\'=HYPERLINK("https://evil.example")'
    assert row["city"].startswith("'+")
