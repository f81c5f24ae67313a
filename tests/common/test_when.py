"""An edition's days in words: one wording for pages, e-mails, the admin and certificates."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils.html import strip_tags

from common.when import dates_text
from events.templatetags.editions import date_range

D = datetime.date


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        (D(2030, 4, 24), D(2030, 4, 24), "24 April 2030"),
        (D(2024, 11, 27), D(2024, 11, 28), "27–28 November 2024"),
        (D(2022, 11, 29), D(2022, 12, 2), "29 November\u00a0– 2 December 2022"),
        (D(2024, 12, 30), D(2025, 1, 2), "30 December 2024\u00a0– 2 January 2025"),
    ],
)
def test_plain_dates_read_as_the_pages_do(start, end, text):
    assert dates_text(SimpleNamespace(start_date=start, end_date=end)) == text
    # The page's <time> elements say the same, less the word joiner that keeps "27–28" on one line.
    assert strip_tags(date_range(start, end)).replace("\u2060", "") == text
