"""Speakers with photos, and the organisers' logo in the header, in a real browser at 375 and 1440 px."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image, ImageDraw, ImageFont

from events.models import Edition, EditionSpeaker, SiteIdentity, Speaker

from .conftest import screenshot, watch_for_faults
from .standards import axe_violations, nu_errors, saved

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
PASSWORD = "a-long-admin-passphrase"  # noqa: S105 - a throwaway test account

BIOS = {
    "marek-przeor": "Cluster manager at the Silesian Aviation Cluster.\nHas run cluster exchanges "
    "between Polish and Belgian regions since 2015.",
    "montse-daban": "Leads international partnerships at a Catalan innovation agency, where she works "
    "with clusters on their regions' smart specialisation strategies.",
    "thomas-rohr": "Heads a cluster management excellence programme.",
}


def portrait(colour):
    """A plain head-and-shoulders silhouette: a stand-in for a photo."""
    image = Image.new("RGB", (600, 800), (226, 232, 240))
    draw = ImageDraw.Draw(image)
    draw.ellipse((90, 520, 510, 1000), fill=colour)
    draw.ellipse((195, 170, 405, 430), fill=(236, 200, 170))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG")
    return SimpleUploadedFile("portrait.jpg", buffer.getvalue())


def wordmark():
    """A wide organisers' logo: a coloured square and a name, on transparency."""
    image = Image.new("RGBA", (380, 160), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((8, 24, 120, 136), radius=18, fill=(0, 82, 155, 255))
    draw.text((150, 40), "ECCP", font=ImageFont.truetype(FONT, 72), fill=(0, 51, 102, 255))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return SimpleUploadedFile("eccp.png", buffer.getvalue())


@pytest.fixture
def pictured_archive(live_archive):
    """The archive's speakers at Charleroi 2024 too, two of them with photos, all with bios; a logo."""
    charleroi = Edition.objects.get(slug="charleroi-2024")
    for order, speaker in enumerate(Speaker.objects.order_by("name")):
        speaker.bio = BIOS.get(speaker.slug, "")
        speaker.link = "https://example.org/" + speaker.slug if speaker.slug in BIOS else ""
        if speaker.slug in ("marek-przeor", "montse-daban"):
            speaker.photo = portrait((14, 42, 71) if order % 2 else (146, 64, 14))
        speaker.save()
        EditionSpeaker.objects.create(edition=charleroi, speaker=speaker, order=order)
    SiteIdentity.objects.create(logo=wordmark(), logo_alt="European Cluster Collaboration Platform")
    return live_archive


PAGES = {
    "speakers-edition": "/editions/charleroi-2024/",
    "speakers-talk": "/editions/eu-clusters-talk-meta-cluster-2024/",
    "speaker-pictured": "/speakers/marek-przeor/",
    "speaker-initials": "/speakers/erasmia-dupenloup/",
    "header-logo": "/",
}


@pytest.mark.db_independent  # the browser's look: the same on either database
@pytest.mark.parametrize("width", [375, 1440])
def test_speakers_and_the_logo_fit_pass_axe_and_keep_their_targets_large(browser, pictured_archive, width):
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 900})
    page = context.new_page()
    failed = watch_for_faults(page)
    for name, path in PAGES.items():
        page.goto(pictured_archive.url + path)
        page.wait_for_load_state("load")
        assert page.evaluate("document.documentElement.scrollWidth - innerWidth") <= 0, path
        # Every photo and logo loaded (none broken), at the size its attributes promise.
        broken = page.evaluate("[...document.images].filter(i => !i.complete || !i.naturalWidth).length")
        assert broken == 0, path
        logo = page.locator(".brand-logo").bounding_box()
        assert logo["height"] >= 24 and page.locator(".brand span").is_visible(), path
        if width == 1440:
            # On a desktop the logo, the name and the navigation share one row, as without a logo.
            brand = page.locator(".brand").bounding_box()
            nav = page.locator(".site-header nav").bounding_box()
            assert nav["y"] < brand["y"] + brand["height"], f"{path}: the navigation wraps under the logo"
        for link in page.locator(".speaker-name a, .speaker-link, .brand").all():
            box = link.bounding_box()
            assert box["height"] >= 24 and box["width"] >= 24, (path, link.inner_text())
        assert axe_violations(page) == [], path
        screenshot(page, f"{name}-{width}")
    assert failed == []
    assert page.locator(".avatar-initials").count() == 0  # the last page is the home page
    context.close()


def test_the_admin_index_lists_what_still_needs_doing(browser, pictured_archive):
    User.objects.create_superuser("admin", "admin@example.org", PASSWORD)
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto(pictured_archive.url + "/admin/")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name="What still needs doing").wait_for()
    page.get_by_role("link", name="Erasmia Dupenloup").click()
    page.wait_for_url("**/events/speaker/*/change/")
    assert page.locator("#id_name").input_value() == "Erasmia Dupenloup"
    page.go_back()
    screenshot(page, "admin-todo-1440")
    page.close()


@pytest.mark.db_independent  # the browser's look: the same on either database
def test_the_pages_with_photos_and_a_logo_are_valid_html(pictured_archive, tmp_path):
    assert nu_errors(saved(Client(), PAGES, tmp_path)) == []
