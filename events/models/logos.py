"""The renditions of a logo, as organisations and the site's identity carry it."""

from django.db import models

from events.imagery.uploads import LOGO_BOX, LOGO_BOX_1X, THUMBNAIL_BOX, rendition


class WithLogo(models.Model):
    """The renditions of a `logo`, which each model declares with its size fields and its own folder:

        logo = image_field("hosts/", width_field="logo_width", height_field="logo_height")
        logo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
        logo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)

    The image field comes before its size fields, and so in the model itself: saving a row
    reads its fields in order, and the size is only known once the image's field has stored
    the file (an abstract parent's fields come first, and were saved empty).

    Pages show the logo through templates/includes/_logo_picture.html (_brand_logo.html in the header).
    """

    logo_1x = rendition("logo", *LOGO_BOX_1X)
    logo_2x = rendition("logo", *LOGO_BOX)
    logo_fallback = rendition("logo", *LOGO_BOX_1X, format="PNG")
    logo_thumbnail = rendition("logo", *THUMBNAIL_BOX)

    class Meta:
        abstract = True
