"""PDF uploads (events/imagery/pdfs.py): a hostile file is refused with a form error, in bounded time and
memory, and a PDF with actions, forms, scripts or attached files is refused wherever they hide."""

import io
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, TextStringObject

import tests.hosting.test_applications as applications
from events.imagery import pdfs
from hosting.models import Application
from tests.events.imagery.test_uploads import PDF, action, pdf_bytes

# The application form's fixtures, shared with its own tests.
open_call, letters_root = applications.open_call, applications.letters_root

MEGABYTE = b"0" * 1_000_000


def deflated(*chunks):
    """zlib data of the chunks joined, made without holding them all at once."""
    compressor = zlib.compressobj(9)
    return b"".join(compressor.compress(chunk) for chunk in chunks) + compressor.flush()


def pdf_with_object_streams(*objects, catalog=b""):
    """A one-page PDF whose catalog lists objects kept each in its own compressed object stream.

    `objects` are the objects' texts, each a tuple of chunks; `catalog` is added to the catalog.
    """
    count = len(objects)
    hidden = [4 + count + i for i in range(count)]  # the objects inside the streams
    body = {
        1: b"<< /Type /Catalog /Pages 2 0 R /Extra [%s] %s >>"
        % (b" ".join(b"%d 0 R" % number for number in hidden), catalog),
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
    }
    for index, (number, chunks) in enumerate(zip(hidden, objects, strict=True)):
        header = b"%d 0 " % number
        data = deflated(header, *chunks)
        body[4 + index] = (
            b"<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream"
            % (
                len(header),
                len(data),
                data,
            )
        )
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number, text in body.items():
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, text)
    # A cross-reference stream: the only kind that can point into object streams.
    xref_number = 4 + 2 * count
    offsets[xref_number] = len(out)
    rows = b"\x00" + bytes(4) + b"\xff\xff"
    for number in range(1, xref_number + 1):
        if number in offsets:
            rows += b"\x01" + offsets[number].to_bytes(4, "big") + bytes(2)
        else:  # in the object stream number - count
            rows += b"\x02" + (number - count).to_bytes(4, "big") + bytes(2)
    out += (
        b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Length %d >>\n"
        b"stream\n%s\nendstream\nendobj\n"
        % (
            xref_number,
            xref_number + 1,
            len(rows),
            rows,
        )
    )
    out += b"startxref\n%d\n%%%%EOF\n" % offsets[xref_number]
    return bytes(out)


@pytest.fixture(scope="module")
def letter_bomb():
    """As in issue 20: 216 KB whose three object streams inflate to 74 MB each, a string each."""
    string = (b"(", *[MEGABYTE] * 73, MEGABYTE[:999_990], b")")
    return pdf_with_object_streams(string, string, string)


def refusal(content):
    """The messages check_pdf() gives for `content`, or [] if it accepts it."""
    try:
        pdfs.check_pdf(io.BytesIO(content))
    except ValidationError as error:
        return error.messages
    return []


def pdf_with(entries=(), page_entries=()):
    """A one-page PDF made by pypdf with these (name, pypdf object) pairs in its catalog and page."""
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    for name, value in entries:
        writer._root_object[NameObject(name)] = value
    for name, value in page_entries:
        writer.pages[0][NameObject(name)] = value
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_a_letter_whose_object_streams_inflate_to_74_mb_each_could_not_be_checked(letter_bomb):
    assert len(letter_bomb) < 250_000
    assert refusal(letter_bomb) == [pdfs.TOO_COMPLEX]


def test_a_pdf_that_needs_more_cpu_than_the_child_may_use_could_not_be_checked(monkeypatch):
    # Below every size limit, but each object starts after 7 MB of blanks read one at a time.
    slow = pdf_with_object_streams(*[(b" " * 7_000_000, b"[]")] * 4)
    monkeypatch.setattr(pdfs, "CPU_SECONDS", 1)
    monkeypatch.setattr(pdfs, "WALL_SECONDS", 60)  # the CPU limit must be what stops it
    assert refusal(slow) == [pdfs.TOO_COMPLEX]


def test_a_check_that_outlasts_the_wall_clock_limit_is_killed_and_could_not_be_checked(monkeypatch):
    slow = pdf_with_object_streams(*[(b" " * 7_000_000, b"[]")] * 4)
    monkeypatch.setattr(pdfs, "WALL_SECONDS", 0.5)
    assert refusal(slow) == [pdfs.TOO_COMPLEX]


def test_a_pdf_that_needs_more_memory_than_the_child_may_use_could_not_be_checked(monkeypatch):
    # Each object stream is under the size limit, but the decoded streams add up.
    many = pdf_with_object_streams(*[(b"[]", *[MEGABYTE] * 7)] * 16)
    monkeypatch.setattr(pdfs, "MEMORY_BYTES", 128 * 1024 * 1024)
    monkeypatch.setattr(pdfs, "CPU_SECONDS", 60)
    monkeypatch.setattr(pdfs, "WALL_SECONDS", 60)
    assert refusal(many) == [pdfs.TOO_COMPLEX]


def test_a_pdf_with_more_objects_than_the_limit_could_not_be_checked():
    # A catalog, its pages, and more plain objects than MAX_OBJECTS in a classic table.
    count = pdfs.MAX_OBJECTS + 1
    out = bytearray(b"%PDF-1.4\n")
    offsets = [len(out)]
    out += b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    offsets.append(len(out))
    out += b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    for number in range(3, count + 3):
        offsets.append(len(out))
        out += b"%d 0 obj null endobj\n" % number
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(offsets) + 1, xref_at)
    assert refusal(bytes(out)) == [pdfs.TOO_COMPLEX]


def test_a_pdf_with_more_entries_than_pypdf_may_read_in_its_table_could_not_be_checked():
    objects = [(b"null",)] * (pdfs.MAX_OBJECTS // 2 + 1)  # each with its own object stream
    assert refusal(pdf_with_object_streams(*objects)) == [pdfs.TOO_COMPLEX]


def test_a_plain_pdf_and_one_with_object_streams_are_accepted():
    assert refusal(PDF) == []
    assert refusal(pdf_with_object_streams((b"<< /Producer (a word processor) >>",), (b"[1 2 3]",))) == []


def link(target):
    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject([NumberObject(0)] * 4),
            NameObject("/A"): target,
        }
    )


@pytest.mark.parametrize(
    ("content", "names"),
    [
        (
            pdf_with(
                [("/OpenAction", action("/GoTo", D=ArrayObject([NumberObject(0), NameObject("/Fit")])))]
            ),
            "OpenAction",
        ),
        (
            pdf_with(
                page_entries=[
                    ("/AA", DictionaryObject({NameObject("/O"): action("/Named", N=NameObject("/Print"))}))
                ]
            ),
            "AA",
        ),
        (pdf_bytes(annotation_action=action("/URI", URI=TextStringObject("https://example.org/"))), "URI"),
        (
            pdf_bytes(annotation_action=action("/SubmitForm", F=TextStringObject("https://example.org/"))),
            "SubmitForm",
        ),
        (pdf_bytes(annotation_action=action("/GoToE", NewWindow=NameObject("/true"))), "GoToE"),
        (pdf_bytes(annotation_action=action("/GoToR", F=TextStringObject("other.pdf"))), "GoToR"),
        (pdf_bytes(annotation_action=action("/ImportData", F=TextStringObject("data.fdf"))), "ImportData"),
        (
            pdf_with(
                [
                    (
                        "/Names",
                        DictionaryObject(
                            {
                                NameObject("/EmbeddedFiles"): DictionaryObject(
                                    {NameObject("/Names"): ArrayObject()}
                                )
                            }
                        ),
                    )
                ]
            ),
            "EmbeddedFiles",
        ),
        (
            pdf_with(
                [
                    (
                        "/AcroForm",
                        DictionaryObject(
                            {
                                NameObject("/Fields"): ArrayObject(),
                                NameObject("/XFA"): TextStringObject("<xdp/>"),
                            }
                        ),
                    )
                ]
            ),
            "XFA",
        ),
        (
            pdf_with(
                [("/OpenAction", DictionaryObject({NameObject("/JS"): TextStringObject("app.alert(1)")}))]
            ),
            "JS, OpenAction",
        ),
    ],
    ids=[
        "open-action",
        "additional-actions",
        "uri",
        "submit-form",
        "goto-embedded",
        "goto-remote",
        "import-data",
        "embedded-files",
        "xfa",
        "js",
    ],
)
def test_a_pdf_with_an_action_a_form_a_script_or_an_attached_file_is_refused_and_named(content, names):
    (message,) = refusal(content)
    assert "scripts or actions that run when it is opened" in message and f"({names})" in message


def test_an_action_kept_inside_a_compressed_object_stream_is_found():
    hidden = (b"<< /Type /Annot /Subtype /Link /A << /S /UR#49 /URI (https://example.org/) >> >>",)
    content = pdf_with_object_streams(hidden)
    assert b"URI" not in content
    (message,) = refusal(content)
    assert "(URI)" in message


def test_an_open_action_that_is_only_a_destination_and_an_empty_form_are_accepted():
    # LaTeX opens most PDFs at [first page /Fit]; signed letters carry an /AcroForm for the signature.
    page_fit = PdfWriter()
    page_fit.add_blank_page(200, 200)
    page_fit._root_object[NameObject("/OpenAction")] = ArrayObject(
        [page_fit.pages[0].indirect_reference, NameObject("/Fit")]
    )
    page_fit._root_object[NameObject("/AcroForm")] = DictionaryObject({NameObject("/Fields"): ArrayObject()})
    buffer = io.BytesIO()
    page_fit.write(buffer)
    assert refusal(buffer.getvalue()) == []


@pytest.mark.django_db
def test_the_letter_bomb_sent_with_an_application_gets_a_form_error_and_nothing_is_stored(
    client,
    open_call,
    letters_root,
    letter_bomb,
):
    letter = SimpleUploadedFile("letter.pdf", letter_bomb, content_type="application/pdf")
    refused = client.post(f"/host/calls/{open_call.pk}/apply/", applications.answers(support_letter=letter))
    assert refused.status_code == 400 and "could not be checked in time" in refused.content.decode()
    assert not Application.objects.exists()
    assert not letters_root.exists() or not any(letters_root.rglob("*.pdf"))
