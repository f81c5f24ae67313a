"""QR codes for signed links, drawn by segno: SVG markup for pages, PNG bytes for e-mails and PDFs.

Error correction "M" (15 %) reads well on a printed page or a phone's screen held up to another
phone; the four-module quiet zone is what the standard asks and what scanners need.
"""

import io

import segno

ERROR = "m"
QUIET_ZONE = 4


def qr_code(url):
    return segno.make(url, error=ERROR, micro=False)


def qr_svg(url, *, label):
    """Inline SVG that scales with its box (no fixed size), named for screen readers by `label`."""
    markup = qr_code(url).svg_inline(
        border=QUIET_ZONE, light="#fff", omitsize=True, title=label, svgclass="qr-code", lineclass=None
    )
    return markup.replace("<svg ", '<svg role="img" ', 1)


def qr_png(url, *, scale=8):
    """PNG bytes, `scale` pixels a module: 8 makes a code of about 300 px, sharp in an e-mail or a PDF."""
    buffer = io.BytesIO()
    qr_code(url).save(buffer, kind="png", scale=scale, border=QUIET_ZONE)
    return buffer.getvalue()
