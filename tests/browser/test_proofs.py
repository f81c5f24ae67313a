"""Proofs on every public page, at a phone's and a desktop's width: targets a finger can hit, a footer
that reaches the bottom, the upcoming edition's one action on the first screen, a picture on every card
and every edition's header."""

from pathlib import Path

import pytest
from django.utils import timezone

from events.models import Edition, RegistrationMode

from .conftest import page_paths
from .test_layout import PAGES

# The browser's look: the same on either database, so the PostgreSQL suite leaves it out.
pytestmark = pytest.mark.db_independent

TARGETS = (Path(__file__).resolve().parent / "targets.js").read_text()
# A visual is a picture, not an icon: the series mark beside a name is 24-32 px.
VISUAL_MIN_WIDTH = 100
# A compact row's square holds the country's outline in at least this many pixels a side.
ROW_VISUAL_MIN = 30
VISUALS = """element => Math.max(0, ...[...element.querySelectorAll('img, picture, svg')]
    .filter(visual => visual.checkVisibility())
    .map(visual => visual.getBoundingClientRect())
    .filter(box => box.height >= 50)
    .map(box => box.width))"""


@pytest.mark.parametrize("width", [375, 1440])
def test_every_link_and_control_outside_running_text_is_at_least_24_px_square(browser, live_archive, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    offenders = []
    for path in page_paths(PAGES).values():
        page.goto(live_archive.url + path)
        offenders += [
            f"{path} {t['tag']} {t['text']!r}: {t['width']} x {t['height']} px"
            for t in page.evaluate(TARGETS)
        ]
    page.close()
    assert not offenders, "Targets under 24 x 24 px, too close to others:\n" + "\n".join(offenders)


@pytest.mark.parametrize("path", ["/legal/", "/editions/no-such-edition/"])
def test_the_footer_reaches_the_bottom_of_a_short_page(browser, live_archive, path):
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto(live_archive.url + path)
    height = page.evaluate("document.documentElement.scrollHeight")
    footer_bottom = page.evaluate(
        "document.querySelector('.site-footer').getBoundingClientRect().bottom + scrollY"
    )
    page.close()
    assert height >= 900
    assert footer_bottom == height


def test_the_upcoming_editions_action_is_on_the_first_screen_of_a_phone(browser, live_archive):
    upcoming = list(Edition.objects.published().upcoming())
    assert upcoming, "live_archive holds the demo edition, which is upcoming"
    page = browser.new_page(viewport={"width": 375, "height": 844})
    for edition in upcoming:
        page.goto(live_archive.url + edition.get_absolute_url())
        action = page.locator(".primary-action .button").first
        label = "Register" if edition.registration_is_open(timezone.now()) else "Add to calendar"
        assert action.inner_text().startswith(label), edition.slug
        box = action.bounding_box()
        bottom = box["y"] + box["height"]
        assert bottom <= 844, f"{edition.slug}: {label} ends at {bottom} px"
    page.close()


def test_without_open_registration_the_first_screen_offers_add_to_calendar(browser, live_archive):
    edition = Edition.objects.get(slug="sample-edition-demo")
    edition.registration_mode = RegistrationMode.NONE
    edition.save()
    page = browser.new_page(viewport={"width": 375, "height": 844})
    page.goto(live_archive.url + edition.get_absolute_url())
    action = page.locator(".primary-action .button").first
    assert action.inner_text().startswith("Add to calendar")
    box = action.bounding_box()
    page.close()
    assert box["y"] + box["height"] <= 844


@pytest.mark.parametrize("width, every", [(1440, 1), (375, 4)])
def test_every_archive_entry_and_edition_header_shows_a_picture(browser, live_archive, width, every):
    """At 1440 px every edition of the real archive; at 375 px one in four. A card shows its cover; a
    compact row (an edition with no photo and no summary) the cover's square, in the country's colour."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    missing = []
    page.goto(live_archive.url + "/editions/")
    cards, rows = page.locator("article.card"), page.locator("article.edition-row")
    assert cards.count() + rows.count() == Edition.objects.published().past().count()
    for index in range(cards.count()):
        card = cards.nth(index)
        if card.evaluate(VISUALS) < VISUAL_MIN_WIDTH:
            missing.append(f"card: {card.locator('h3').inner_text()}")
    for index in range(rows.count()):
        tile = rows.nth(index).locator(".cover-tile svg, .cover-tile img").bounding_box()
        if tile is None or min(tile["width"], tile["height"]) < ROW_VISUAL_MIN:
            missing.append(f"row: {rows.nth(index).locator('h3').inner_text()}")
    editions = list(Edition.objects.published().order_by("start_date"))[::every]
    for edition in editions:
        page.goto(live_archive.url + edition.get_absolute_url())
        if page.locator(".edition-header").evaluate(VISUALS) < VISUAL_MIN_WIDTH:
            missing.append(f"header: {edition.slug}")
    page.close()
    assert missing == []


# Each date on one line, and a range within a month ("26–27 March 2024") never split at its dash.
BROKEN_DATES = r"""() => [...document.querySelectorAll('time')].flatMap(time => {
    const problems = [];
    if (time.getClientRects().length > 1) problems.push(`"${time.textContent}" runs over two lines`);
    const dash = time.nextSibling, end = time.nextElementSibling;
    const isRange = dash && dash.nodeType === Node.TEXT_NODE
        && dash.textContent.replace(/[\s\u2060]/g, '') === '–' && end && end.tagName === 'TIME';
    const sameMonth = isRange
        && end.getAttribute('datetime').slice(0, 7) === time.getAttribute('datetime').slice(0, 7);
    if (sameMonth && end.getBoundingClientRect().top !== time.getBoundingClientRect().top) {
        problems.push(`"${time.parentElement.textContent.trim()}" breaks inside its range`);
    }
    return problems;
})"""


@pytest.mark.parametrize("width", [320, 375])
def test_dates_do_not_break_inside_on_a_phone(browser, live_archive, width):
    """320 px is the narrowest width WCAG's reflow asks for."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    broken = []
    for path in page_paths(PAGES).values():
        page.goto(live_archive.url + path)
        broken += [f"{path}: {problem}" for problem in page.evaluate(BROKEN_DATES)]
    page.close()
    assert broken == []


# Each map label's drawn box against every marker's circle but its own, as Chromium lays them out.
LABELS_ON_MARKERS = """() => {
    const circles = [...document.querySelectorAll('.map circle')].map(c => c.getBBox());
    const meets = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width
        && a.y < b.y + b.height && b.y < a.y + a.height;
    const labels = [...document.querySelectorAll('.map text.label')].filter(text => text.checkVisibility());
    return labels.flatMap(text => {
        const own = text.parentElement.querySelector('circle').getBBox();
        const box = text.getBBox();
        const others = circles.filter(c => !(c.x === own.x && c.y === own.y));
        return others.filter(c => meets(box, c)).map(() => text.textContent);
    });
}"""


@pytest.mark.parametrize("width", [375, 1440])
@pytest.mark.parametrize("path", ["/", "/editions/"])
def test_no_map_label_covers_another_places_marker(browser, live_archive, path, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(live_archive.url + path)
    covering = page.evaluate(LABELS_ON_MARKERS)
    page.close()
    assert covering == [], f"labels over another place's marker: {covering}"
