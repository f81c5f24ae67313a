"""The edition page as a visitor sees it: a short past edition, the online talk, Add to calendar."""

import pytest

from .test_standards import with_map_markers

pytestmark = pytest.mark.db_independent

WIDTHS = [375, 1440]


@pytest.mark.parametrize("width", WIDTHS)
def test_a_short_edition_page_has_no_box_larger_than_its_content_and_no_empty_summary(
    browser, live_archive, width
):
    with_map_markers()
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(live_archive.url + "/editions/krakow-2023/")
    assert page.locator('a[href*="/summary/"]').count() == 0
    assert page.get_by_text("published elsewhere").count() == 1
    content = page.locator(".edition-layout").bounding_box()
    subscribe = page.locator(".subscribe-series").bounding_box()
    # Where and when, the map and the other editions outweigh the series' subscription.
    assert subscribe["height"] < content["height"] / 2, (subscribe, content)
    assert page.locator(".more-editions li").count() >= 5
    # The place's label on the close-up map is no smaller than 12 px as drawn.
    label = page.locator(".place-map text.label >> visible=true").bounding_box()
    assert label["height"] >= 12, label
    if width == 375:
        # One column: where and when before the other editions.
        assert page.locator("#venue").bounding_box()["y"] < page.locator("#more-editions").bounding_box()["y"]
    assert page.goto(live_archive.url + "/editions/krakow-2023/summary/").status == 404
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_online_talk_shows_one_zone_and_online_once(browser, live_archive, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(live_archive.url + "/editions/eu-clusters-talk-meta-cluster-2024/")
    intro = page.locator(".edition-intro").inner_text()
    assert "CEST" in intro and "the organisers’ text below says CET" in intro
    assert intro.replace("CEST", "").count("CET") == 1
    assert intro.count("Online") == 1
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_add_to_calendar_sets_the_ics_label_beside_its_words(browser, live_archive, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(live_archive.url + "/editions/sample-edition-demo/")
    link = page.locator(".add-to-calendar a[download]")
    assert link.inner_text() == "Apple, Thunderbird and other apps (.ics file)"
    # "(.ics file)" follows the last word: on the same line one space after it, or first on the next.
    gap = page.evaluate(
        """a => {
            const words = document.createRange();
            words.selectNodeContents(a.querySelector('span').firstChild);
            const last = [...words.getClientRects()].pop();
            const ics = a.querySelector('.nowrap').getBoundingClientRect();
            return {sameLine: Math.abs(ics.top - last.top) < 2, gap: ics.left - last.right,
                    fromLinkStart: ics.left - a.getBoundingClientRect().left};
        }""",
        link.element_handle(),
    )
    if gap["sameLine"]:
        assert 0 <= gap["gap"] < 12, gap
    else:
        assert gap["fromLinkStart"] < 2, gap
    page.close()
