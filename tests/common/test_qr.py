import io

import pytest
import zxingcpp
from PIL import Image

from common.qr import qr_png, qr_svg

pytestmark = pytest.mark.db_independent

URL = "https://clustersmeetregions.example/check-in/abc.DEF-123/"


def test_the_png_reads_back_as_the_link_it_was_made_from():
    image = Image.open(io.BytesIO(qr_png(URL)))
    assert [result.text for result in zxingcpp.read_barcodes(image)] == [URL]


def test_the_svg_is_named_for_screen_readers_scales_with_its_box_and_draws_on_white():
    markup = qr_svg(URL, label="Your check-in code")
    assert markup.startswith('<svg role="img" ')
    assert "<title>Your check-in code</title>" in markup
    assert "width=" not in markup.split(">", 1)[0]
    assert 'fill="#fff"' in markup
