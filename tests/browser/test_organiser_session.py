"""An organiser's whole session in the admin, in a real browser, as they would click it."""

import datetime
import io
import os

import pytest
from django.core.management import call_command
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect

from events.models import Edition

from .conftest import screenshot

PASSWORD = "a-long-organiser-passphrase"


@pytest.fixture
def organiser_site(live_archive, settings, tmp_path):
    settings.SERVE_MEDIA = True
    os.environ["ORGANISER_PASSWORD"] = PASSWORD
    try:
        call_command("create_organiser", "olga", "--no-input", stdout=io.StringIO())
    finally:
        del os.environ["ORGANISER_PASSWORD"]
    photo = tmp_path / "venue.jpg"
    Image.new("RGB", (1200, 600), (11, 79, 138)).save(photo, "JPEG")
    return live_archive.url, photo


def choose(page, select_id, text):
    """Picks an option in one of the admin's autocomplete (select2) fields by typing."""
    page.locator(f"#{select_id} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def test_an_organiser_creates_publishes_and_finds_an_edition(browser, organiser_site):
    base, photo = organiser_site
    start = datetime.date.today() + datetime.timedelta(days=40)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("response", lambda response: response.status >= 400 and errors.append(response.url))

    page.goto(base + "/admin/")
    page.get_by_label("Username").fill("olga")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Editions").first.click()
    page.get_by_role("link", name="Add edition").click()
    page.wait_for_url("**/events/edition/add/")
    page.wait_for_load_state("load")

    page.locator("#id_title").press_sequentially("Clusters meet Regions: Tartu")
    expect(page.locator("#id_slug")).to_have_value("clusters-meet-regions-tartu")
    page.locator("#id_series").select_option(label="Clusters meet Regions")
    page.locator("#id_city").fill("Tartu")
    page.locator("#id_country").select_option(label="Estonia")
    page.locator("#id_timezone").fill("Europe/Tallinn")
    page.locator("#id_start_date").fill(start.isoformat())
    page.locator("#id_end_date").fill((start + datetime.timedelta(days=1)).isoformat())
    page.locator("#id_hero_image").set_input_files(photo)
    page.locator("#id_hero_image_alt").fill("The Tartu venue by the river")

    page.get_by_text("Add another Host", exact=True).click()
    choose(page, "id_edition_hosts-0-host", "Charleroi")
    page.get_by_text("Add another Partner", exact=True).click()
    choose(page, "id_partnerships-0-partner", "European Cluster Collaboration Platform")
    page.get_by_role("button", name="Save and continue editing").last.click()
    assert "was added successfully" in page.locator(".messagelist").inner_text()

    # The agenda has its own pages: the edition links to them.
    assert "No sessions yet." in page.locator(".field-agenda").inner_text()
    page.get_by_role("link", name="Add a session").click()
    # The admin writes dates day first (en-GB); it takes ISO dates too, as typed above.
    expect(page.locator("#id_day")).to_have_value(start.strftime("%d/%m/%Y"))
    page.locator("#id_start_time").fill("09:30")
    page.locator("#id_title").fill("Welcome by the host region")
    page.get_by_role("button", name="Save", exact=True).click()
    assert "was added successfully" in page.locator(".messagelist").inner_text()
    assert "Welcome by the host region" in page.locator("#result_list").inner_text()
    screenshot(page, "admin-agenda")

    edition = Edition.objects.get(slug="clusters-meet-regions-tartu")
    page.goto(base + reverse("admin:events_edition_change", args=[edition.pk]))
    assert "Edit the agenda (1 session)" in page.locator(".field-agenda").inner_text()
    assert edition.status == Edition.Status.DRAFT
    assert base.startswith("http") and page.goto(base + edition.get_absolute_url()).ok  # preview
    assert "Preview" in page.locator(".banner-preview").inner_text()

    page.goto(base + "/admin/events/edition/")
    page.locator(f'input[name="_selected_action"][value="{edition.pk}"]').check()
    page.locator('select[name="action"]').select_option("publish")
    page.get_by_role("button", name="Go").click()
    assert "1 edition published" in page.locator(".messagelist").inner_text()
    screenshot(page, "admin-changelist")

    visitor = browser.new_page()
    visitor.goto(base + "/")
    visitor.get_by_role("link", name="Clusters meet Regions: Tartu").first.click()
    assert visitor.locator("h1").inner_text() == "Clusters meet Regions: Tartu"
    hero = visitor.get_by_alt_text("The Tartu venue by the river")
    # decode() waits for the picture, however slowly it comes after the click, and fails if it is broken.
    assert hero.evaluate("img => img.decode().then(() => img.naturalWidth)") > 0
    assert "Welcome by the host region" in visitor.content()
    assert "Charleroi" in visitor.locator("#hosts").locator("..").inner_text()
    assert "Preview" not in visitor.content()
    feed = visitor.request.get(base + "/calendar.ics").text()
    assert "SUMMARY:Clusters meet Regions: Tartu" in feed
    sessions = visitor.request.get(base + reverse("events:agenda-ics", args=[edition.slug])).text()
    assert "SUMMARY:Welcome by the host region" in sessions
    assert errors == []
