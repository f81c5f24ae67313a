"""What a PDF upload must be: a complete PDF that runs, sends and carries nothing.

Names in a PDF may be written with #xx escapes and kept inside compressed
object streams, so scanning the bytes is not enough: pypdf parses the file
and every object reachable from its trailer is inspected.

Parsing a hostile file can take any amount of time and memory (a 216 KB
letter whose object streams inflate to 74 MB each kept a web worker busy for
over a minute), so it runs in a short-lived child process
(`python -m events.imagery.pdfs`, the PDF on its standard input) with its own limits
on CPU time and memory, and the web worker waits a few seconds at most.
"""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

from django.core.exceptions import ValidationError

logger = logging.getLogger(__name__)

# Refused anywhere in the document, as a dictionary key or as a name value:
# scripts and "run this program" (JavaScript, Launch), actions on opening a
# page or touching a field (AA), links out of the document and forms sent
# somewhere (URI, SubmitForm, ImportData, GoToR, GoToE), XFA forms (which
# carry their own scripts), and attached files (EmbeddedFiles and the file
# specifications and annotations that hold them).
FORBIDDEN_NAMES = frozenset(
    {
        "/JS",
        "/JavaScript",
        "/Launch",
        "/AA",
        "/URI",
        "/SubmitForm",
        "/ImportData",
        "/GoToR",
        "/GoToE",
        "/XFA",
        "/EmbeddedFiles",
        "/EmbeddedFile",
        "/EF",
        "/FileAttachment",
    }
)
# /OpenAction is either an action (refused, whatever it does) or a plain
# destination such as [page /Fit], which LaTeX writes into most of its PDFs.
OPEN_ACTION = "/OpenAction"

# Limits on the child. A real letter or report is checked in a fraction of a second.
CPU_SECONDS = 4
MEMORY_BYTES = 512 * 1024 * 1024
WALL_SECONDS = 10  # more than CPU_SECONDS: a busy server gives the child less than a core
# Checks yield to the web workers when the machine is busy.
NICENESS = 5
# pypdf's own limits, far below its defaults (75 MB per stream): only object
# streams and cross-reference streams are decoded here, and no real one is near this.
MAX_STREAM_BYTES = 8 * 1024 * 1024
# Objects in the cross-reference table; dictionaries, arrays and names the walk may visit.
MAX_OBJECTS = 50_000
MAX_WALK = 1_000_000

NOT_A_PDF = "This file is not a complete PDF document."
TOO_COMPLEX = "This PDF could not be checked in time; please send a simpler file (e.g. “Print to PDF”)."

ROOT = Path(__file__).resolve().parents[2]


def check_pdf(upload):
    """Raises ValidationError unless `upload` is a whole PDF without actions, forms or attachments."""
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
        content = upload.read()  # at most MAX_UPLOAD_SIZE: the size is checked first
    finally:
        upload.seek(0)
    verdict = _verdict_from_child(content)
    if verdict["verdict"] == "ok":
        return
    if verdict["verdict"] == "not_a_pdf":
        raise ValidationError(NOT_A_PDF, code="not_a_pdf")
    if verdict["verdict"] == "encrypted":
        raise ValidationError(
            "This PDF is protected by a password; upload a copy without one.", code="pdf_encrypted"
        )
    if verdict["verdict"] == "active":
        raise ValidationError(
            "This PDF contains scripts or actions that run when it is opened, links, forms "
            "or attached files (%(names)s); export it again without them (e.g. “Print to PDF”).",
            code="pdf_active_content",
            params={"names": ", ".join(sorted(name.lstrip("/") for name in verdict["names"]))},
        )
    raise ValidationError(TOO_COMPLEX, code="pdf_too_complex")


def _verdict_from_child(content):
    """What `python -m events.imagery.pdfs` says of `content`; "too_complex" when it is killed or fails."""
    command = [sys.executable, "-m", "events.imagery.pdfs", str(CPU_SECONDS), str(MEMORY_BYTES)]
    try:
        child = subprocess.run(  # noqa: S603 - an argument list, no shell
            command, input=content, capture_output=True, timeout=WALL_SECONDS, cwd=ROOT, check=False
        )
    except subprocess.TimeoutExpired:  # run() has killed the child
        logger.info("Refused a PDF not checked within %s s", WALL_SECONDS)
        return {"verdict": "too_complex"}
    try:
        verdict = json.loads(child.stdout)
    except ValueError:
        verdict = None
    if isinstance(verdict, dict) and "verdict" in verdict:
        return verdict
    # Killed by a signal at its CPU limit (SIGXCPU): the file's fault. Any other end is
    # the checker's, and would refuse every PDF: it is logged as a warning.
    logger.log(
        logging.INFO if child.returncode < 0 else logging.WARNING,
        "Refused a PDF the checker did not finish (exit status %s): %s",
        child.returncode,
        child.stderr[-2000:].decode(errors="replace"),
    )
    return {"verdict": "too_complex"}


def _limit_resources(cpu_seconds, memory_bytes):
    import resource  # noqa: PLC0415 - POSIX only, and only the child needs it

    # At the soft CPU limit the kernel sends SIGXCPU, which ends the process.
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))  # it writes no files
    os.nice(NICENESS)


def inspect(content):
    """The verdict on a PDF's bytes, as a dict; meant to run in the limited child."""
    from io import BytesIO  # noqa: PLC0415 - the web process never parses a PDF itself

    from pypdf import PdfReader, apply_configuration  # noqa: PLC0415
    from pypdf.errors import LimitReachedError, PyPdfError  # noqa: PLC0415

    limits = {
        "maximum_declared_stream_length": MAX_STREAM_BYTES,
        "array_based_stream_maximum_output_length": MAX_STREAM_BYTES,
        "jbig2_maximum_output_length": MAX_STREAM_BYTES,
        "lzw_maximum_output_length": MAX_STREAM_BYTES,
        "run_length_maximum_output_length": MAX_STREAM_BYTES,
        "zlib_maximum_output_length": MAX_STREAM_BYTES,
        "brotli_maximum_output_length": MAX_STREAM_BYTES,
        "image_maximum_buffer_size": MAX_STREAM_BYTES,
        "stream_decoding_work_maximum_length": 4 * MAX_STREAM_BYTES,
        "xmp_maximum_input_length": 1024 * 1024,
        "array_maximum_element_count": MAX_OBJECTS,
        "dictionary_maximum_element_count": MAX_OBJECTS,
        "page_tree_maximum_entries": MAX_OBJECTS,
        "xfa_decoding_work_maximum_length": 4 * MAX_STREAM_BYTES,
    }
    try:
        with apply_configuration(**limits):
            reader = PdfReader(BytesIO(content), strict=False, xref_stream_maximum_entries=MAX_OBJECTS)
            if len(reader.xref_objStm) + sum(map(len, reader.xref.values())) > MAX_OBJECTS:
                return {"verdict": "too_complex"}
            if reader.is_encrypted and not reader.decrypt(""):
                return {"verdict": "encrypted"}
            found = _forbidden_names(reader)
    except (
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        OSError,
        AssertionError,
        MemoryError,
        RecursionError,
    ) as exc:
        # pypdf sometimes reports a limit it reached as a file it cannot read.
        while exc is not None:
            if isinstance(exc, (LimitReachedError, MemoryError, RecursionError)):
                return {"verdict": "too_complex"}
            exc = exc.__cause__ or exc.__context__
        return {"verdict": "not_a_pdf"}
    if found:
        return {"verdict": "active", "names": sorted(found)}
    return {"verdict": "ok"}


def _forbidden_names(reader):
    """The FORBIDDEN_NAMES (and an /OpenAction action) found anywhere in the document."""
    from pypdf.errors import LimitReachedError  # noqa: PLC0415
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject  # noqa: PLC0415

    # Numbers and strings are neither followed nor counted.
    WALKED = (ArrayObject, DictionaryObject, IndirectObject, NameObject)  # noqa: N806
    if not reader.trailer or "/Root" not in reader.trailer:
        raise ValueError("no document catalogue")
    found, seen = set(), set()
    stack = [reader.trailer]
    walked = 0
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            key = (node.idnum, node.generation)
            if key in seen:
                continue
            seen.add(key)
            node = node.get_object()
        walked += 1
        if walked > MAX_WALK:
            raise LimitReachedError(f"more than {MAX_WALK} objects to inspect")
        if isinstance(node, DictionaryObject):  # streams too: their dictionary, not their data
            found.update(FORBIDDEN_NAMES.intersection(node.keys()))
            open_action = node.get(OPEN_ACTION)
            if open_action is not None and isinstance(open_action.get_object(), DictionaryObject):
                found.add(OPEN_ACTION)
            stack.extend(value for value in node.values() if isinstance(value, WALKED))
        elif isinstance(node, ArrayObject):
            stack.extend(value for value in node if isinstance(value, WALKED))
        elif isinstance(node, NameObject) and node in FORBIDDEN_NAMES:
            found.add(str(node))
    return found


def _main():
    """The child: reads a PDF on standard input and writes its verdict as JSON."""
    cpu_seconds, memory_bytes = int(sys.argv[1]), int(sys.argv[2])
    _limit_resources(cpu_seconds, memory_bytes)
    # pypdf warns about every oddity of a damaged file; a hostile one can have millions.
    logging.disable(logging.WARNING)
    verdict = inspect(sys.stdin.buffer.read())
    sys.stdout.write(json.dumps(verdict))


if __name__ == "__main__":
    _main()
