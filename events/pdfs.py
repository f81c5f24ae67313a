"""What a PDF report must be: a complete PDF that runs nothing when it is opened.

Names in a PDF may be written with #xx escapes and kept inside compressed
object streams, so scanning the bytes is not enough: pypdf parses the file
and every object reachable from its trailer is inspected.
"""

import logging

from django.core.exceptions import ValidationError
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

logger = logging.getLogger(__name__)

# Script actions, the document-level script tree and "run this program";
# /OpenAction and /AA (actions on open, on page view…) only run what these name.
ACTIVE_NAMES = {"/JS", "/JavaScript", "/Launch"}

NOT_A_PDF = "This file is not a complete PDF document."


def check_pdf(upload):
    """Raises ValidationError unless `upload` is a whole PDF without scripts or launch actions."""
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0, 2)
    upload.seek(max(0, upload.tell() - 1024))
    tail = upload.read()
    upload.seek(0)
    # Anything before the header (HTML, a ZIP…) makes a file that is a PDF
    # to some readers and something else to others.
    if head != b"%PDF-":
        raise ValidationError(f"{NOT_A_PDF} It must start with “%PDF-”.", code="not_a_pdf")
    # ISO 32000-2, 7.5.5: a complete file ends with %%EOF.
    if b"%%EOF" not in tail:
        raise ValidationError(NOT_A_PDF, code="not_a_pdf")
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValidationError(
                "This PDF is protected by a password; upload a copy without one.", code="pdf_encrypted"
            )
        found = _active_names(reader)
    except ValidationError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        logger.info("Refused a PDF pypdf cannot read: %s", exc)
        raise ValidationError(NOT_A_PDF, code="not_a_pdf") from exc
    finally:
        upload.seek(0)
    if found:
        raise ValidationError(
            "This PDF contains scripts or actions that run when it is opened (%(names)s); "
            "export it again without them (e.g. “Print to PDF”).",
            code="pdf_active_content",
            params={"names": ", ".join(sorted(name.lstrip("/") for name in found))},
        )


def _active_names(reader):
    """The names of ACTIVE_NAMES used anywhere in the document, as keys or values."""
    if not reader.trailer or "/Root" not in reader.trailer:
        raise ValueError("no document catalogue")
    found, seen = set(), set()
    stack = [reader.trailer]
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            key = (node.idnum, node.generation)
            if key in seen:
                continue
            seen.add(key)
            node = node.get_object()
        if isinstance(node, DictionaryObject):  # streams too: their dictionary, not their data
            found.update(ACTIVE_NAMES.intersection(node.keys()))
            stack.extend(node.values())
        elif isinstance(node, ArrayObject):
            stack.extend(node)
        elif isinstance(node, NameObject) and node in ACTIVE_NAMES:
            found.add(str(node))
    return found
