"""What organisers may upload, and the sizes pages show it at.

Uploads are checked before anything is written to storage: a refused file
leaves nothing in media. Images that pass are re-encoded by django-imagekit
(ProcessedImageField) without their metadata (EXIF such as GPS positions,
XMP, comments, PNG text), keep the size they were stored at in the database,
and get renditions (ImageSpecField) made when they are saved.
"""

import os
import uuid
import warnings

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.images import get_image_dimensions
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from imagekit.cachefiles.strategies import Optimistic
from imagekit.models import ImageSpecField, ProcessedImageField
from imagekit.models.fields.files import ProcessedImageFieldFile
from imagekit.processors import ResizeToFill, ResizeToFit, Transpose
from PIL import Image, UnidentifiedImageError

from .media import available
from .pdfs import check_pdf

# Pillow's names for what is accepted, and the file name endings each may
# have; SVG is refused because it can carry scripts.
IMAGE_FORMATS = {"JPEG": {".jpg", ".jpeg"}, "PNG": {".png"}, "WEBP": {".webp"}}

# The largest side libwebp encodes; JPEG's own limit (65,535) is higher.
MAX_IMAGE_SIDE = 16_383

# Widths of the responsive renditions of hero images; pages pick from them.
HERO_WIDTHS = (480, 960, 1600)
HERO_FALLBACK_WIDTH = 960
LOGO_BOX_1X = (160, 80)
LOGO_BOX = (320, 160)
THUMBNAIL_BOX = (160, 90)
# Speakers' portraits: squares, cropped rather than fitted, so every avatar is the same shape.
PORTRAIT_SIDE_1X = 160
PORTRAIT_SIDE = 320
# Every box a rendition is fitted into (a width alone leaves the height free).
RENDITION_BOXES = [(width, None) for width in HERO_WIDTHS] + [LOGO_BOX_1X, LOGO_BOX, THUMBNAIL_BOX]


def _check_size(value):
    limit = settings.MAX_UPLOAD_SIZE
    if value.size > limit:
        raise ValidationError(
            "This file is %(size)s; files may be at most %(limit)s.",
            code="file_too_large",
            params={"size": filesizeformat(value.size), "limit": filesizeformat(limit)},
        )


def _check_name(name, image_format):
    """A file's name must say what it is: browsers and viewers believe the name."""
    extension = os.path.splitext(name or "")[1].lower()
    if extension not in IMAGE_FORMATS[image_format]:
        raise ValidationError(
            "This file is a %(format)s image, but its name ends in “%(extension)s”; "
            "rename it to end in %(expected)s.",
            code="image_extension",
            params={
                "format": image_format,
                "extension": extension or "(nothing)",
                "expected": " or ".join(sorted(IMAGE_FORMATS[image_format])),
            },
        )


def _check_sides(width, height):
    """Every rendition must be encodable: no side over WebP's limit, none rounded to 0 px."""
    if max(width, height) > MAX_IMAGE_SIDE:
        raise ValidationError(
            "This image is %(width)s×%(height)s pixels; no side may be longer than %(limit)s pixels.",
            code="image_side_too_long",
            params={"width": width, "height": height, "limit": f"{MAX_IMAGE_SIDE:,}"},
        )
    for box in RENDITION_BOXES:
        if min(_fitted_by_imagekit(width, height, *box)) < 1:
            raise ValidationError(
                "This image is %(width)s×%(height)s pixels, too narrow for its smaller versions; "
                "crop it closer to a rectangle.",
                code="image_too_narrow",
                params={"width": width, "height": height},
            )


def _fitted_by_imagekit(width, height, box_width, box_height=None):
    """The size pilkit's ResizeToFit(upscale=False) makes, with its rounding (not fitted_size's)."""
    ratios = [box_width / width] + ([box_height / height] if box_height else [])
    ratio = min(ratios)
    if ratio >= 1:
        return width, height
    return int(round(width * ratio)), int(round(height * ratio))


def check_image(upload):
    """Accepts only complete JPEG, PNG and WebP images that every rendition can be made from."""
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
                _check_name(upload.name, image.format)
                width, height = image.size
                _check_sides(width, height)
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


class StripMetadata:
    """Keeps the pixels, their colour profile and transparency, and nothing else.

    Pillow's encoders write part of what an opened image carries in `info`
    (a JPEG's comment, for one, which may hold HTML), so it is emptied first.
    """

    KEEP = ("icc_profile", "transparency")

    def process(self, image):
        image.info = {key: value for key, value in image.info.items() if key in self.KEEP}
        return image


class UploadedImageFieldFile(ProcessedImageFieldFile):
    def _set_instance_attribute(self, name, content):
        # imagekit hands the re-encoded image to storage as a File without a
        # name, which Django's ImageFieldFile takes for "no file", storing NULL
        # dimensions; measure the stored content instead.
        self.instance.__dict__[self.field.attname] = name
        self.field.set_dimensions(self.instance, *get_image_dimensions(content))


class UploadedImageField(ProcessedImageField):
    """Stores the upload re-encoded by imagekit (upright, without metadata) and its size.

    Django's ImageField opens the file whenever an object with unknown
    dimensions is loaded, so one lost file took down every page listing it.
    This one measures a file only when a new one is assigned or stored.
    """

    attr_class = UploadedImageFieldFile

    def update_dimension_fields(self, instance, force=False, *args, **kwargs):
        # Called with force=False by post_init (loading a row): never open files then.
        if not force or self.attname not in instance.__dict__:
            return
        file = getattr(instance, self.attname)
        if not file:
            self.set_dimensions(instance, None, None)
        elif not file._committed:
            # A new upload, still in memory or a temporary file: measure it there.
            self.set_dimensions(instance, *get_image_dimensions(file.file))
        # A stored file (the admin assigns the current one back on every save)
        # keeps the size measured when it was stored.

    def set_dimensions(self, instance, width, height):
        if self.width_field:
            setattr(instance, self.width_field, width)
        if self.height_field:
            setattr(instance, self.height_field, height)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": UploadedImageFormField, **kwargs})


def validate_pdf_upload(value):
    """A report must be a complete PDF that runs nothing when it is opened."""
    if not value or getattr(value, "_committed", True):
        return  # a stored file is not checked again on every save of its model
    _check_size(value)
    check_pdf(value.file)


@deconstructible
class UniqueName:
    """Every upload under its own random folder: a new file never takes a name that an
    earlier one (now deleted, or lost) left renditions under."""

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        return f"{self.folder}{uuid.uuid4().hex[:12]}/{os.path.basename(filename)}"

    def __eq__(self, other):
        return isinstance(other, UniqueName) and other.folder == self.folder


class RenditionsFromPresentSource(Optimistic):
    """Renditions are made when their image is saved, as imagekit's Optimistic does, but
    only from an original that is there: saving an edition whose photo was lost is no error."""

    def on_source_saved(self, file):
        if available(file.generator.source):
            super().on_source_saved(file)


def image_field(upload_to, **kwargs):
    return UploadedImageField(
        upload_to=UniqueName(upload_to),
        blank=True,
        processors=[Transpose(), StripMetadata()],
        options={"quality": 88},
        help_text="JPEG, PNG or WebP. Location and camera data are removed when it is stored.",
        **kwargs,
    )


def own_copy(image):
    """A new upload with the content of a stored image, or no image if its file is lost.

    django-cleanup deletes a file when the row holding it is edited or
    deleted, so two rows must never share one.
    """
    if not image:
        return ""
    try:
        with image.storage.open(image.name) as stored:
            return ContentFile(stored.read(), name=os.path.basename(image.name))
    except OSError:
        return ""


def rendition(source, width, height=None, format="WEBP"):
    return ImageSpecField(
        source=source,
        processors=[ResizeToFit(width, height, upscale=False)],
        format=format,
        options={"quality": 80},
    )


def portrait(source, side, format="WEBP"):
    """A square crop of a portrait, kept near the top, where the face usually is.

    Always side×side (a smaller photo is enlarged), so pages know its size without measuring.
    """
    return ImageSpecField(
        source=source,
        processors=[ResizeToFill(side, side, anchor=(0.5, 0.2))],
        format=format,
        options={"quality": 80},
    )


def fitted_size(width, height, box_width, box_height=None):
    """The size ResizeToFit(upscale=False) gives an image of width×height."""
    if not width or not height:
        return None, None
    scale = min(1, box_width / width, box_height / height if box_height else 1)
    return max(1, round(width * scale)), max(1, round(height * scale))
