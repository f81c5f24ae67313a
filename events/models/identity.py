"""The organisers' own identity on the site: the logo in the header, in place of the built-in mark."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from events.imagery.uploads import image_field

from .logos import WithLogo

# The one row's key: the site has one identity, and the database says so.
SITE_IDENTITY_ID = 1


class SiteIdentity(WithLogo):
    id = models.PositiveSmallIntegerField(primary_key=True, default=SITE_IDENTITY_ID, editable=False)
    logo = image_field("identity/", width_field="logo_width", height_field="logo_height")
    logo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    logo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    logo_alt = models.CharField(
        "logo alt text",
        max_length=200,
        blank=True,
        help_text="Who the logo stands for, e.g. the organisation's name. Required with a logo.",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "site identity"
        verbose_name_plural = "site identity"
        constraints = [
            models.CheckConstraint(condition=Q(id=SITE_IDENTITY_ID), name="site_identity_one_row"),
            models.CheckConstraint(condition=Q(logo="") | ~Q(logo_alt=""), name="site_identity_logo_has_alt"),
        ]

    def __str__(self):
        return "Site identity"

    def clean(self):
        if self.logo and not self.logo_alt.strip():
            raise ValidationError({"logo_alt": "Say who the logo stands for, e.g. the organisation's name."})

    @classmethod
    def current(cls):
        """The organisers' identity, or an empty one (the site's own mark) until they set it."""
        return cls.objects.filter(pk=SITE_IDENTITY_ID).first() or cls()
