"""What organisers may upload, and the sizes pages show it at.

Uploads are checked before anything is written to storage: a refused file
leaves nothing in media. Images that pass are re-encoded by django-imagekit
(ProcessedImageField), which drops EXIF metadata such as GPS positions, and
get renditions (ImageSpecField) made when they are saved.
"""

import warnings

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from imagekit.models import ImageSpecField, ProcessedImageField
from imagekit.processors import ResizeToFit, Transpose
from PIL import Image, UnidentifiedImageError

# Pillow's names for what is accepted; SVG is refused because it can carry scripts.
IMAGE_FORMATS = {"JPEG", "PNG", "WEBP"}

# Widths of the responsive renditions of hero images; pages pick from them.
HERO_WIDTHS = (480, 960, 1600)
HERO_FALLBACK_WIDTH = 960
LOGO_BOX_1X = (160, 80)
LOGO_BOX = (320, 160)
THUMBNAIL_BOX = (160, 90)


def _check_size(value):
    limit = settings.MAX_UPLOAD_SIZE
    if value.size > limit:
        raise ValidationError(
            "This file is %(size)s; files may be at most %(limit)s.",
            code="file_too_large",
            params={"size": filesizeformat(value.size), "limit": filesizeformat(limit)},
        )


def check_image(upload):
    """Accepts only complete JPEG, PNG and WebP images of a sane size."""
    _check_size(upload)
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow only warns between MAX_IMAGE_PIXELS and twice that.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                if image.format not in IMAGE_FORMATS:
                    raise ValidationError(
                        "Upload a JPEG, PNG or WebP image; this file is %(format)s.",
                        code="image_format",
                        params={"format": image.format},
                    )
                width, height = image.size
                if width * height > settings.MAX_IMAGE_PIXELS:
                    raise ValidationError(
                        "This image is %(width)s×%(height)s pixels, too large to process; "
                        "scale it down below %(megapixels)s megapixels.",
                        code="image_too_many_pixels",
                        params={
                            "width": width,
                            "height": height,
                            "megapixels": settings.MAX_IMAGE_PIXELS // 1_000_000,
                        },
                    )
                # Decoding every pixel is what finds a truncated or corrupt file.
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(
            "This image has too many pixels to process; scale it down.", code="image_too_many_pixels"
        ) from exc
    except UnidentifiedImageError as exc:
        raise ValidationError(
            "This file is not an image. Upload a JPEG, PNG or WebP image.", code="not_an_image"
        ) from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            "This image is damaged or incomplete; export it again and upload the new file.",
            code="image_damaged",
        ) from exc
    finally:
        upload.seek(0)


class UploadedImageFormField(forms.ImageField):
    """Runs check_image() first, so organisers read why a file was refused."""

    def to_python(self, data):
        if data not in self.empty_values:
            check_image(data)
        return super().to_python(data)


class UploadedImageField(ProcessedImageField):
    """Stores the upload re-encoded by imagekit: upright, without EXIF metadata."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": UploadedImageFormField, **kwargs})


def validate_pdf_upload(value):
    """A report must really be a PDF: its header and its end-of-file marker."""
    if not value or getattr(value, "_committed", True):
        return  # a stored file is not checked again on every save of its model
    _check_size(value)
    upload = value.file
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(max(0, value.size - 1024))
    tail = upload.read()
    upload.seek(0)
    # PDF 2.0 (ISO 32000-2, 7.5.2): the header within the first 1024 bytes,
    # and %%EOF at the end of the file.
    if b"%PDF-" not in head or b"%%EOF" not in tail:
        raise ValidationError("This file is not a complete PDF document.", code="not_a_pdf")


def image_field(upload_to, **kwargs):
    return UploadedImageField(
        upload_to=upload_to,
        blank=True,
        processors=[Transpose()],
        options={"quality": 88},
        help_text="JPEG, PNG or WebP. Location and camera data are removed when it is stored.",
        **kwargs,
    )


def rendition(source, width, height=None, format="WEBP"):
    return ImageSpecField(
        source=source,
        processors=[ResizeToFit(width, height, upscale=False)],
        format=format,
        options={"quality": 80},
    )


def fitted_size(width, height, box_width, box_height=None):
    """The size ResizeToFit(upscale=False) gives an image of width×height."""
    if not width or not height:
        return None, None
    scale = min(1, box_width / width, box_height / height if box_height else 1)
    return max(1, round(width * scale)), max(1, round(height * scale))
