"""Each edition's share image: a 1200×630 PNG for og:image and twitter:image, drawn with Pillow.

Title, dates and place on the left; on the right the uploaded photo where there
is one, else the cover's country outline and marker (events/imagery/covers.py). The
file is kept in media under a name made of the slug and the edition's
updated_at, so an edit makes a new one and a request only draws when the file
for the current version is missing (never drawn yet, or lost). Older versions
are removed when a new one is saved.
"""

import io
import logging
import re
import textwrap

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw, ImageFont, ImageOps

from . import europe_map
from .covers import _outlines as outlines
from .covers import date_block
from .media import available

logger = logging.getLogger(__name__)

SIZE = (1200, 630)
NAVY, WHITE, GOLD, PALE = (14, 42, 71), (255, 255, 255), (242, 169, 0), (206, 219, 232)
FOLDER = "share"


def file_name(edition):
    # To the microsecond: two edits within a second are two versions.
    return f"{FOLDER}/{edition.slug}-{edition.updated_at.strftime('%Y%m%d%H%M%S%f')}.png"


# Debian's fonts-dejavu-core covers every European alphabet and the en dash
# (`make test` installs it); Pillow's own font, which lacks some, stands in elsewhere.
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _font(size):
    try:
        return ImageFont.truetype(DEJAVU, size)
    except OSError:
        return ImageFont.load_default(size=size)


def _draw_outline(draw, edition, box):
    """The host country's outline, fitted into box (left, top, right, bottom), and the city's marker."""
    shape = outlines().get(str(edition.country.code or ""))
    if not shape:
        return
    x0, y0, x1, y1 = shape["box"]
    scale = 100 / max(x1 - x0, y1 - y0, 0.1)
    width, height = (x1 - x0) * scale, (y1 - y0) * scale
    fit = min((box[2] - box[0]) / width, (box[3] - box[1]) / height)
    left = box[0] + ((box[2] - box[0]) - width * fit) / 2
    top = box[1] + ((box[3] - box[1]) - height * fit) / 2
    for ring in re.findall(r"M([^Z]+)Z", shape["d"]):
        points = [tuple(map(float, pair.split())) for pair in ring.split("L")]
        draw.polygon(
            [(left + x * fit, top + y * fit) for x, y in points], fill=(38, 74, 110), outline=WHITE, width=3
        )
    if edition.latitude is not None and edition.longitude is not None:
        mx, my = europe_map.project(edition.latitude, edition.longitude)
        cx, cy = left + (mx - x0) * scale * fit, top + (my - y0) * scale * fit
        if box[0] <= cx <= box[2] and box[1] <= cy <= box[3]:
            draw.ellipse((cx - 14, cy - 14, cx + 14, cy + 14), fill=GOLD, outline=WHITE, width=4)


def render(edition):
    """The PNG's bytes."""
    image = Image.new("RGB", SIZE, NAVY)
    draw = ImageDraw.Draw(image)
    right = (700, 0, SIZE[0], SIZE[1])
    if available(edition.hero_image):
        with edition.hero_image.open("rb") as f, Image.open(f) as photo:
            image.paste(
                ImageOps.fit(photo.convert("RGB"), (right[2] - right[0], right[3] - right[1])), right[:2]
            )
    else:
        _draw_outline(draw, edition, (740, 70, 1150, 560))
    draw.rectangle((0, SIZE[1] - 12, SIZE[0], SIZE[1]), fill=GOLD)
    draw.text((64, 60), edition.series.name.upper(), font=_font(28), fill=GOLD)
    y = 120
    for line in textwrap.wrap(edition.title, 26)[:4]:
        draw.text((64, y), line, font=_font(50), fill=WHITE)
        y += 66
    days, month, year = date_block(edition.start_date, edition.end_date or edition.start_date)
    draw.text((64, max(y + 30, 440)), f"{days} {month} {year}", font=_font(40), fill=WHITE)
    draw.text((64, max(y + 84, 494)), textwrap.shorten(edition.place, 34), font=_font(34), fill=PALE)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def share_image(edition):
    """(bytes, stored): the current version's PNG, from media or drawn now and saved for next time.

    A storage that cannot be read or written costs a drawing per request, never an error page.
    """
    name = file_name(edition)
    try:
        if default_storage.exists(name):
            with default_storage.open(name, "rb") as f:
                return f.read(), True
    except Exception:
        logger.exception("The share image %s could not be read; drawing it again.", name)
    data = render(edition)
    try:
        default_storage.save(name, ContentFile(data))
        _remove_older_versions(edition, keep=name)
    except Exception:
        logger.exception("The share image %s could not be saved; serving it unsaved.", name)
        return data, False
    return data, True


def _remove_older_versions(edition, keep):
    if not default_storage.exists(FOLDER):
        return
    for old in default_storage.listdir(FOLDER)[1]:
        if old.startswith(f"{edition.slug}-") and f"{FOLDER}/{old}" != keep:
            rest = old.removeprefix(f"{edition.slug}-").removesuffix(".png")
            if rest.isdigit():  # not another edition whose slug starts with this one's
                default_storage.delete(f"{FOLDER}/{old}")
