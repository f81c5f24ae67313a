"""A visitor's journey, by clicking: upcoming → edition → add to calendar → archive → a past edition."""

import icalendar

from .conftest import screenshot, watch_for_faults


def test_a_visitor_finds_the_next_edition_adds_it_to_a_calendar_and_opens_a_past_one(browser, live_archive):
    page = browser.new_page(viewport={"width": 375, "height": 800}, accept_downloads=True)
    failures = watch_for_faults(page)

    page.goto(live_archive.url + "/")
    page.get_by_role("link", name="Sample edition (demo data, not a real event)").first.click()
    page.wait_for_url("**/editions/sample-edition-demo/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Sample edition")

    with page.expect_download() as download:
        page.get_by_role("link", name="Apple, Thunderbird and other apps (.ics file)").click()
    calendar = icalendar.Calendar.from_ical(open(download.value.path(), "rb").read())  # noqa: SIM115
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]).startswith("Sample edition")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Past editions").click()
    page.wait_for_url("**/editions/")
    # The seeds say Kraków's summary was published, but none of it is on the site: its page says so.
    page.get_by_role("link", name="Clusters meet Regions: Kraków").first.click()
    page.wait_for_url("**/editions/krakow-2023/")
    assert page.get_by_role("heading", level=1).inner_text() == "Clusters meet Regions: Kraków"
    assert page.get_by_role("link", name="Read the event summary").count() == 0
    assert "published elsewhere and is not on this site yet" in page.locator(".banner").first.inner_text()
    screenshot(page, "journey-end-375")
    assert failures == []
