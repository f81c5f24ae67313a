import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image, PngImagePlugin
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, TextStringObject

from events.models import Edition, Host, Partner, SiteIdentity, Summary
from tests.adminforms import form_data
from tests.factories import EditionFactory, HostFactory

pytestmark = pytest.mark.django_db


def image_bytes(fmt="JPEG", size=(1200, 800), exif=None, noise=False):
    image = Image.effect_noise(size, 60).convert("RGB") if noise else Image.new("RGB", size, (11, 79, 138))
    buffer = io.BytesIO()
    image.save(buffer, fmt, **({"exif": exif} if exif else {}))
    return buffer.getvalue()


def exif_with_gps():
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "A phone camera"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (50.0, 24.0, 36.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (4.0, 26.0, 40.0)
    return exif


def png_bomb(width=30000, height=30000):
    """A valid PNG of 1×1 pixel whose header claims width×height."""
    raw = io.BytesIO()
    Image.new("L", (1, 1)).save(raw, "PNG")
    data = bytearray(raw.getvalue())
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return bytes(data)


def media_files(media_root):
    return sorted(str(p.relative_to(media_root)) for p in media_root.rglob("*") if p.is_file())


def post_upload(client, obj, field, upload, **changes):
    """Submits obj's admin change form as it stands, with `upload` in `field` (and `changes`)."""
    url = reverse(f"admin:events_{obj._meta.model_name}_change", args=[obj.pk])
    data = form_data(client.get(url))
    data.update({field: upload, **changes})
    return client.post(url, data)


def post_host_logo(client, host, upload):
    return post_upload(client, host, "logo", upload)


def test_a_photo_is_stored_without_its_gps_position_and_gets_renditions(admin_client, media_root):
    edition = EditionFactory()
    url = reverse("admin:events_edition_change", args=[edition.pk])
    data = form_data(admin_client.get(url))
    photo = image_bytes(size=(2000, 1000), exif=exif_with_gps())
    assert Image.open(io.BytesIO(photo)).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    data.update(hero_image=SimpleUploadedFile("venue.jpg", photo), hero_image_alt="The venue in the evening")
    assert admin_client.post(url, data).status_code == 302

    edition.refresh_from_db()
    stored = Image.open(edition.hero_image.path)
    assert stored.format == "JPEG" and stored.size == (2000, 1000)
    assert not stored.getexif() and "exif" not in stored.info
    assert (edition.hero_image_width, edition.hero_image_height) == (2000, 1000)

    widths = {}
    for name in ("hero_480", "hero_960", "hero_1600", "hero_fallback", "hero_thumbnail"):
        rendition = Image.open(getattr(edition, name).path)
        assert not rendition.getexif()
        widths[name] = (rendition.format, rendition.size)
    assert widths == {
        "hero_480": ("WEBP", (480, 240)),
        "hero_960": ("WEBP", (960, 480)),
        "hero_1600": ("WEBP", (1600, 800)),
        "hero_fallback": ("JPEG", (960, 480)),
        "hero_thumbnail": ("WEBP", (160, 80)),
    }


def test_the_edition_page_offers_the_renditions_as_a_responsive_picture(client, media_root):
    edition = EditionFactory(hero_image_alt="Delegates in the hall")
    edition.hero_image.save("hall.png", SimpleUploadedFile("hall.png", image_bytes("PNG", (700, 350))))
    page = client.get(edition.get_absolute_url()).content.decode()
    assert f'srcset="{edition.hero_480.url} 480w, {edition.hero_960.url} 700w"' in page
    assert f'src="{edition.hero_fallback.url}" alt="Delegates in the hall" width="700" height="350"' in page


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_jpeg_png_and_webp_logos_are_accepted(admin_client, fmt):
    host = HostFactory()
    upload = SimpleUploadedFile(f"logo.{fmt.lower()}", image_bytes(fmt, (400, 100)))
    assert post_host_logo(admin_client, host, upload).status_code == 302
    host.refresh_from_db()
    assert Image.open(host.logo.path).format == fmt
    assert Image.open(host.logo_1x.path).size == (160, 40)
    assert Image.open(host.logo_2x.path).size == (320, 80)
    page = admin_client.get(reverse("admin:events_host_changelist")).content.decode()
    assert host.logo_thumbnail.url in page


@pytest.mark.parametrize("model", [Host, Partner, SiteIdentity])
def test_a_logo_given_to_a_new_row_is_stored_with_its_size(media_root, model):
    """Pages size a logo from the stored width and height, never by opening the file."""
    fields = {"name": "Logo", "slug": "logo"} if model is not SiteIdentity else {"logo_alt": "Logo"}
    upload = SimpleUploadedFile("logo.png", image_bytes("PNG", (400, 100)))
    row = model.objects.create(logo=upload, **fields)
    stored = model.objects.get(pk=row.pk)
    assert (stored.logo_width, stored.logo_height) == (400, 100)


SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><rect width="9" height="9"/></svg>'


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("logo.jpg", b"%PDF-1.7 this is not a picture" * 20, "not an image"),
        ("logo.svg", SVG, "not an image"),
        ("logo.jpg", image_bytes(noise=True)[:6000], "damaged or incomplete"),
        ("logo.png", png_bomb(), "too many pixels"),
        ("logo.png", png_bomb(8000, 8000), "too large to process"),
        ("logo.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "Upload a JPEG, PNG or WebP"),
    ],
    ids=["renamed-pdf", "svg", "truncated", "bomb", "over-the-pixel-limit", "gif"],
)
def test_bad_images_are_refused_with_a_form_error_and_leave_no_file(
    admin_client, media_root, name, content, message
):
    host = HostFactory()
    response = post_host_logo(admin_client, host, SimpleUploadedFile(name, content))
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.errors["logo"])
    assert message in errors
    assert media_files(media_root) == []
    assert not Host.objects.get(pk=host.pk).logo


def test_an_upload_over_the_size_limit_is_refused(admin_client, media_root, settings):
    settings.MAX_UPLOAD_SIZE = 50_000
    content = image_bytes("PNG", (300, 300), noise=True)
    assert len(content) > settings.MAX_UPLOAD_SIZE
    response = post_host_logo(admin_client, HostFactory(), SimpleUploadedFile("big.png", content))
    assert "files may be at most 48.8\xa0KB" in " ".join(response.context["adminform"].form.errors["logo"])
    assert media_files(media_root) == []


def test_a_hero_image_needs_alt_text(admin_client, media_root):
    edition = EditionFactory()
    url = reverse("admin:events_edition_change", args=[edition.pk])
    data = form_data(admin_client.get(url))
    data.update(hero_image=SimpleUploadedFile("hall.jpg", image_bytes()), hero_image_alt=" ")
    response = admin_client.post(url, data)
    assert "hero_image_alt" in response.context["adminform"].form.errors
    assert media_files(media_root) == []
    assert not Edition.objects.get(pk=edition.pk).hero_image


def pdf_bytes(open_action=None, names=None, annotation_action=None):
    """A one-page PDF made by pypdf, with the actions given (pypdf objects) in it."""
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    if open_action is not None:
        writer._root_object[NameObject("/OpenAction")] = open_action
    if names is not None:
        writer._root_object[NameObject("/Names")] = names
    if annotation_action is not None:
        link = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Link"),
                NameObject("/Rect"): ArrayObject([NumberObject(0)] * 4),
                NameObject("/A"): annotation_action,
            }
        )
        writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(link)])
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def action(kind, **entries):
    return DictionaryObject(
        {NameObject("/S"): NameObject(kind), **{NameObject(f"/{k}"): v for k, v in entries.items()}}
    )


PDF = pdf_bytes()


def post_report(client, summary, upload):
    return post_upload(client, summary, "report", upload)


def test_a_real_pdf_report_is_stored(admin_client, media_root):
    summary = Summary.objects.create(edition=EditionFactory())
    assert post_report(admin_client, summary, SimpleUploadedFile("report.pdf", PDF)).status_code == 302
    summary.refresh_from_db()
    assert summary.report.read() == PDF


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.pdf", b"<html><script>alert(1)</script></html>", "not a complete PDF"),
        ("report.pdf", PDF[:20], "not a complete PDF"),
        ("report.exe", PDF, "File extension"),
    ],
    ids=["html-renamed", "truncated", "wrong-extension"],
)
def test_a_report_that_is_not_a_pdf_is_refused(admin_client, media_root, name, content, message):
    summary = Summary.objects.create(edition=EditionFactory())
    response = post_report(admin_client, summary, SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert message in " ".join(response.context["adminform"].form.errors["report"])
    assert media_files(media_root) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (pdf_bytes(open_action=action("/JavaScript", JS=TextStringObject("app.alert(1)"))), "JS, JavaScript"),
        (
            pdf_bytes(
                names=DictionaryObject(
                    {
                        NameObject("/JavaScript"): DictionaryObject(
                            {
                                NameObject("/Names"): ArrayObject(
                                    [TextStringObject("x"), action("/JavaScript")]
                                )
                            }
                        )
                    }
                )
            ),
            "JavaScript",
        ),
        (pdf_bytes(annotation_action=action("/Launch", F=TextStringObject("calc.exe"))), "Launch"),
        # The same name written with a #xx escape, invisible to a search of the bytes.
        (PDF.replace(b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /J#61vaScript >>"), "JavaScript"),
    ],
    ids=["open-action-js", "document-javascript", "launch-link", "escaped-name"],
)
def test_a_pdf_that_runs_scripts_or_programs_is_refused(admin_client, media_root, content, message):
    summary = Summary.objects.create(edition=EditionFactory())
    response = post_report(admin_client, summary, SimpleUploadedFile("report.pdf", content))
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.errors["report"])
    assert "scripts or actions that run when it is opened" in errors and message in errors
    assert media_files(media_root) == []


def test_a_pdf_with_anything_before_its_header_is_refused(admin_client, media_root):
    summary = Summary.objects.create(edition=EditionFactory())
    content = b"<html><script>alert(1)</script></html>\n" + PDF
    response = post_report(admin_client, summary, SimpleUploadedFile("report.pdf", content))
    assert "It must start with “%PDF-”" in " ".join(response.context["adminform"].form.errors["report"])
    assert media_files(media_root) == []


def test_an_image_taller_than_webp_can_encode_is_refused_before_anything_is_written(admin_client, media_root):
    tall = io.BytesIO()
    Image.new("1", (20, 20000)).save(tall, "PNG", optimize=True)
    tall = tall.getvalue()
    assert len(tall) < 1000  # small enough for any size limit
    response = post_host_logo(admin_client, HostFactory(), SimpleUploadedFile("tall.png", tall))
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.errors["logo"])
    assert "20×20000 pixels; no side may be longer than 16,383 pixels" in errors
    assert media_files(media_root) == []


def test_an_image_too_narrow_for_its_thumbnail_is_refused(admin_client, media_root):
    sliver = SimpleUploadedFile("sliver.png", image_bytes("PNG", (1, 2000)))
    response = post_host_logo(admin_client, HostFactory(), sliver)
    assert "too narrow for its smaller versions" in " ".join(
        response.context["adminform"].form.errors["logo"]
    )
    assert media_files(media_root) == []


@pytest.mark.parametrize(
    ("name", "fmt", "message"),
    [
        ("logo.jpg", "PNG", "a PNG image, but its name ends in “.jpg”; rename it to end in .png"),
        ("logo.png", "JPEG", "a JPEG image, but its name ends in “.png”; rename it to end in .jpeg or .jpg"),
        ("logo", "WEBP", "ends in “(nothing)”"),
    ],
    ids=["png-named-jpg", "jpeg-named-png", "no-extension"],
)
def test_an_image_whose_name_does_not_match_its_format_is_refused(
    admin_client, media_root, name, fmt, message
):
    response = post_host_logo(
        admin_client, HostFactory(), SimpleUploadedFile(name, image_bytes(fmt, (40, 20)))
    )
    assert message in " ".join(response.context["adminform"].form.errors["logo"])
    assert media_files(media_root) == []


def test_a_jpeg_comment_and_png_text_are_not_stored(admin_client, media_root):
    jpeg = io.BytesIO()
    Image.new("RGB", (300, 200), "navy").save(jpeg, "JPEG", comment=b"<script>alert(1)</script>")
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", "<script>alert(2)</script>")
    text.add_itxt("Author", "Someone's home address")
    png = io.BytesIO()
    Image.new("RGB", (300, 200), "navy").save(png, "PNG", pnginfo=text)
    assert b"<script>" in jpeg.getvalue() and b"<script>" in png.getvalue()

    edition, host = EditionFactory(), HostFactory()
    upload = SimpleUploadedFile("hall.jpg", jpeg.getvalue())
    assert post_upload(admin_client, edition, "hero_image", upload, hero_image_alt="Hall").status_code == 302
    assert (
        post_host_logo(admin_client, host, SimpleUploadedFile("logo.png", png.getvalue())).status_code == 302
    )

    stored = [media_root / name for name in media_files(media_root)]
    assert len(stored) == 2 + 5 + 4  # two originals and their renditions
    for path in stored:
        assert b"<script>" not in path.read_bytes() and b"home address" not in path.read_bytes(), path
    edition.refresh_from_db()
    assert "comment" not in Image.open(edition.hero_image.path).info
