"""A certificate of attendance drawn as an A4 PDF by fpdf2, in the site's navy and gold.

The text is set in DejaVu Sans, shipped beside this module (attendance/fonts/, with its licence)
and embedded in every PDF, so that "Łukasz Żółć", "Ørsted" or "Ηλίας" print as written on any
computer. Every string is drawn as text, never read as markup.
"""

import io
import logging
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import Align, MethodReturnValue, XPos, YPos
from PIL import Image

from common.qr import qr_png

from .certificates import PLATFORM, SERIES, TITLE

logger = logging.getLogger(__name__)
# fpdf2 subsets each font with fontTools, which logs every step at INFO: forty lines a certificate.
logging.getLogger("fontTools.subset").setLevel(logging.WARNING)

FONTS = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVu"

# The site's colours (static/css/site.css, templates/mail/message.html).
NAVY = (14, 42, 71)
GOLD = (242, 169, 0)
INK = (20, 33, 46)
MUTED = (74, 88, 102)
LINK = (11, 79, 138)

# A4 landscape, in millimetres.
WIDTH, HEIGHT = 297, 210
TEXT_WIDTH = 225
BODY_TOP = 40
FOOTER_TOP = 156
QR_SIDE = 32
LOGO_BOX = (48, 16)


class _Certificate(FPDF):
    def __init__(self):
        super().__init__(orientation="L", unit="mm", format="A4")
        self.set_auto_page_break(False)
        self.set_margins(0, 0, 0)
        self.add_font(FONT, "", FONTS / "DejaVuSans.ttf")
        self.add_font(FONT, "B", FONTS / "DejaVuSans-Bold.ttf")
        self.set_creator(SERIES)
        self.set_lang("en")

    def style(self, size, *, bold=False, colour=INK, spacing=0):
        self.set_font(FONT, "B" if bold else "", size)
        self.set_text_color(*colour)
        self.set_char_spacing(spacing)

    # While measuring, centred() and rule() only move down the page: drawn once that way, the body
    # tells its height. (fpdf2's offset_rendering() would copy the fonts: a second a certificate.)
    measuring = False

    def centred(self, text, height, *, width=TEXT_WIDTH):
        """`text` on as many centred lines as it needs."""
        self.set_x((WIDTH - width) / 2)
        if self.measuring:
            lines = self.multi_cell(width, height, text, dry_run=True, output=MethodReturnValue.LINES)
            self.set_y(self.get_y() + height * len(lines))
        else:
            self.multi_cell(width, height, text, align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def rule(self, y, width):
        if not self.measuring:
            self.line((WIDTH - width) / 2, y, (WIDTH + width) / 2, y)

    def fitted(self, text, *, largest, smallest, bold=True, colour=INK, lines=1):
        """The largest size from `largest` down at which `text` takes at most `lines` lines."""
        size = largest
        while size > smallest:
            self.style(size, bold=bold, colour=colour)
            if self.get_string_width(text) <= TEXT_WIDTH * lines * 0.95:
                break
            size -= 1
        self.style(size, bold=bold, colour=colour)
        return size


def _frame(pdf):
    pdf.set_draw_color(*NAVY)
    pdf.set_line_width(1.6)
    pdf.rect(8, 8, WIDTH - 16, HEIGHT - 16)
    pdf.set_draw_color(*GOLD)
    pdf.set_line_width(0.5)
    pdf.rect(11.5, 11.5, WIDTH - 23, HEIGHT - 23)


def _mark(pdf, x, y, size):
    """The series mark (templates/includes/_mark.svg): a navy ring round three gold dots, in a
    32-unit box whose top left corner is (x, y)."""
    unit = size / 32

    def dot(cx, cy, r):
        pdf.circle(x + cx * unit, y + cy * unit, r * unit, style="F")

    pdf.set_draw_color(*NAVY)
    pdf.set_line_width(3 * unit)
    pdf.circle(x + 16 * unit, y + 16 * unit, 13 * unit)
    pdf.set_fill_color(*GOLD)
    dot(11, 13, 3.5)
    dot(20, 11.5, 3)
    dot(17, 20.5, 3.5)


def _masthead(pdf):
    mark = 9
    pdf.style(11, bold=True, colour=NAVY, spacing=1.2)
    label = SERIES.upper()
    width = mark + 3 + pdf.get_string_width(label)
    left = (WIDTH - width) / 2
    _mark(pdf, left, 20, mark)
    pdf.set_xy(left + mark + 3, 20)
    pdf.cell(text=label, h=mark)
    pdf.style(8.5, colour=MUTED, spacing=0.3)
    pdf.set_y(31)
    pdf.centred(PLATFORM, 4)


def _body(pdf, content, top):
    pdf.style(30, bold=True, colour=NAVY)
    pdf.set_y(top)
    pdf.centred(TITLE, 14)
    pdf.set_draw_color(*GOLD)
    pdf.set_line_width(0.9)
    pdf.rule(pdf.get_y() + 2, 44)

    pdf.style(12, colour=MUTED)
    pdf.set_y(pdf.get_y() + 8)
    pdf.centred("This is to certify that", 7)
    size = pdf.fitted(content.name, largest=26, smallest=14, lines=2)
    pdf.set_y(pdf.get_y() + 2)
    pdf.centred(content.name, size * 0.48)
    if content.organisation:
        pdf.fitted(content.organisation, largest=13, smallest=9, bold=False, colour=MUTED)
        pdf.centred(content.organisation, 7)
    pdf.style(12, colour=MUTED)
    pdf.set_y(pdf.get_y() + 4)
    pdf.centred("attended", 7)
    size = pdf.fitted(content.edition, largest=17, smallest=11, colour=NAVY, lines=2)
    pdf.set_y(pdf.get_y() + 1)
    pdf.centred(content.edition, size * 0.5)
    pdf.style(12)
    pdf.set_y(pdf.get_y() + 2)
    pdf.centred(f"{content.dates}  ·  {content.place}", 7)
    pdf.style(11, colour=MUTED)
    pdf.centred(content.days, 6)


def _logo(identity):
    """The organisers' logo as an image fpdf2 can embed, or None when there is none or its file is
    missing or unreadable: a certificate without the logo beats no certificate."""
    if not identity.logo:
        return None
    try:
        with identity.logo.open("rb") as stored:
            image = Image.open(stored)
            image.load()
        image.thumbnail((1200, 600))
        return image.convert("RGBA")
    except (OSError, ValueError, Image.DecompressionBombError):
        logger.warning(
            "The organisers' logo %s could not be read; the certificate is drawn without it.",
            identity.logo.name,
        )
        return None


def _issuer(pdf, content, logo):
    left, top = 26, FOOTER_TOP + 4
    if logo is not None:
        box_w, box_h = LOGO_BOX
        ratio = min(box_w / logo.width, box_h / logo.height)
        pdf.image(
            logo, x=left, y=top, w=logo.width * ratio, h=logo.height * ratio, alt_text=content.organiser
        )
        top += box_h + 3
    else:
        top += 8
    pdf.style(8.5, colour=MUTED)
    pdf.set_xy(left, top)
    pdf.cell(text="Issued by", new_x=XPos.LEFT, new_y=YPos.NEXT, h=4.5)
    pdf.style(10, bold=True, colour=NAVY)
    pdf.set_x(left)
    issuer = content.organiser or f"{SERIES}, {PLATFORM}"
    pdf.multi_cell(88, 5, issuer, align=Align.L, new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.style(8.5, colour=MUTED)
    pdf.set_x(left)
    pdf.cell(text=f"on {content.issued}", h=4.5)


def _verification(pdf, content):
    right = WIDTH - 24
    qr_left, top = right - QR_SIDE, FOOTER_TOP + 2
    pdf.image(
        io.BytesIO(qr_png(content.verification_url)),
        x=qr_left,
        y=top,
        w=QR_SIDE,
        h=QR_SIDE,
        alt_text="QR code of the verification link",
    )
    width = 110
    text_right = qr_left - 3
    pdf.set_xy(text_right - width, top + 9)
    pdf.style(10, bold=True, colour=NAVY)
    pdf.cell(width, 5, "Check this certificate", align=Align.R, new_x=XPos.LEFT, new_y=YPos.NEXT)
    # The address on two lines, cut after "/certificates/": its code has no space to wrap at.
    pdf.style(7, colour=LINK)
    address, code = content.verification_url.rstrip("/").rsplit("/", 1)
    for line in (f"{address}/", f"{code}/"):
        pdf.set_x(text_right - width)
        pdf.cell(
            width, 3.8, line, align=Align.R, link=content.verification_url, new_x=XPos.LEFT, new_y=YPos.NEXT
        )
    pdf.style(8.5, colour=MUTED)
    pdf.set_x(text_right - width)
    pdf.cell(width, 4.5, f"Verifiable online until {content.verifiable_until}", align=Align.R)


def draw(content, identity):
    """The certificate's PDF bytes; `content` is a certificates.Content, `identity` the SiteIdentity."""
    pdf = _Certificate()
    pdf.set_title(f"{TITLE}: {content.name}")
    pdf.set_subject(content.edition)
    pdf.set_author(content.organiser or SERIES)
    pdf.add_page()
    _frame(pdf)
    _masthead(pdf)
    # The body takes more lines for a long name or title: measured first, it is then centred
    # between the masthead and the footer.
    pdf.measuring = True
    _body(pdf, content, 0)
    height, pdf.measuring = pdf.get_y(), False
    _body(pdf, content, BODY_TOP + max(0, (FOOTER_TOP - 6 - BODY_TOP - height) / 2))
    pdf.set_draw_color(*GOLD)
    pdf.set_line_width(0.3)
    pdf.line(26, FOOTER_TOP - 2, WIDTH - 26, FOOTER_TOP - 2)
    _issuer(pdf, content, _logo(identity))
    _verification(pdf, content)
    return bytes(pdf.output())
