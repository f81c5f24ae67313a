"""Every e-mail's HTML part in a real browser, at a phone's width and at the 600 px most
e-mail clients give a message: the button is a link to the main action, on the first screen,
nothing scrolls sideways and no text is under 14 px."""

import pytest

from tests.mail_samples import every_email

from .conftest import screenshot

# The browser's look: the same on either database, so the PostgreSQL suite leaves it out.
pytestmark = [pytest.mark.db_independent, pytest.mark.django_db]

# A phone's first screen, and a desktop client's reading pane.
SCREENS = {375: 667, 600: 800}

SMALLEST_TEXT = """() => Math.min(...[...document.querySelectorAll("body *")]
    .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
    .map(e => parseFloat(getComputedStyle(e).fontSize)))"""


@pytest.mark.parametrize("width", SCREENS)
def test_every_emails_button_is_on_the_first_screen_and_nothing_scrolls_sideways(browser, width):
    page = browser.new_page(viewport={"width": width, "height": SCREENS[width]})
    for name, (email, action) in every_email().items():
        page.set_content(email.alternatives[0][0])
        overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width}px"
        assert page.evaluate(SMALLEST_TEXT) >= 14, name
        if action:
            button = page.locator(f'td > a[href="{action}"]')
            assert button.count() == 1, name
            box = button.bounding_box()
            assert box["y"] + box["height"] <= SCREENS[width], f"{name}: the button is below the fold"
            assert box["height"] >= 40, name
        screenshot(page, f"email-{name}-{width}")
    page.close()
