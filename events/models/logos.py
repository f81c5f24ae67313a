"""A logo as organisations and the site's identity carry it: its size and its renditions."""

from django.db import models

from ..uploads import LOGO_BOX, LOGO_BOX_1X, THUMBNAIL_BOX, rendition


class WithLogo(models.Model):
    """The size and renditions of a `logo`, which each model declares with its own upload folder:

        logo = image_field("hosts/", width_field="logo_width", height_field="logo_height")

    Pages show it through templates/includes/_logo_picture.html (or _brand_logo.html in the header).
    """

    logo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    logo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    logo_1x = rendition("logo", *LOGO_BOX_1X)
    logo_2x = rendition("logo", *LOGO_BOX)
    logo_fallback = rendition("logo", *LOGO_BOX_1X, format="PNG")
    logo_thumbnail = rendition("logo", *THUMBNAIL_BOX)

    class Meta:
        abstract = True
