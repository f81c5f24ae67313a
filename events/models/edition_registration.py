"""How people register for an edition: the settings organisers choose and the rules they give.

Edition inherits these fields and methods; they live here because they are a
topic of their own, and registrations/ builds on them. Who may register (a country
group) is the edition's rule too, so CountryGroup lives here, below registrations/.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.timezone import now as utc_now
from django_countries.fields import CountryField

from common.text import http_url
from common.timezones import all_zones

from .choices import Approval, RegistrationMode, RegistrationState


class CountryGroup(models.Model):
    """A reusable eligibility rule: registrants must come from one of these countries.

    Its name and countries show on edition pages and the register form, so a saved group is
    changed content: events.caching bumps the revision for it as for every events model.
    """

    name = models.CharField(max_length=200, unique=True)
    countries = CountryField(multiple=True)

    class Meta:
        ordering = ["name"]
        # The table registrations/ created, kept when the model moved here (events/0012): no
        # rename means no moment on a fresh database when one app's migrations expect a table
        # the other's have renamed.
        db_table = "registrations_countrygroup"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("admin:events_countrygroup_change", args=[self.pk])

    def admits(self, country):
        return country in {c.code for c in self.countries}


class EditionRegistration(models.Model):
    registration_mode = models.CharField(
        max_length=16, choices=RegistrationMode.choices, default=RegistrationMode.EXTERNAL
    )
    registration_url = models.URLField("registration URL", blank=True)
    registration_opens_at = models.DateTimeField(
        "registration opens",
        null=True,
        blank=True,
        help_text="Registration on this site: empty opens it now.",
    )
    registration_deadline = models.DateTimeField(null=True, blank=True)
    registration_places = models.PositiveIntegerField(
        "places", null=True, blank=True, help_text="Registration on this site: how many can attend."
    )
    registration_approval = models.CharField(
        "approval", max_length=16, choices=Approval.choices, default=Approval.AUTOMATIC
    )
    registration_group = models.ForeignKey(
        CountryGroup,
        verbose_name="eligible countries",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="editions",
        help_text="Registration on this site: only registrants from these countries. Empty admits everyone.",
    )
    registration_offer_hours = models.PositiveIntegerField(
        "offer valid for (hours)",
        default=48,
        validators=[MinValueValidator(1)],
        help_text="When a place frees, the first on the waiting list has this long to take it.",
    )
    eligibility = models.TextField("eligibility note", blank=True)

    class Meta:
        abstract = True

    def registration_errors(self):
        """clean()'s friendly messages for the registration settings."""
        errors = {}
        if (
            self.registration_deadline
            and self.end_date
            and self.timezone in all_zones()
            and self.registration_deadline > self.local_end
        ):
            errors["registration_deadline"] = "Registration cannot close after the event has ended."
        if self.registration_mode == RegistrationMode.ON_SITE and self.registration_places is None:
            errors["registration_places"] = "Say how many places there are for registration on this site."
        if self.registration_mode == RegistrationMode.EXTERNAL and self.registration_places is not None:
            errors["registration_places"] = "Places are counted only for registration on this site."
        if (
            self.registration_opens_at
            and self.registration_deadline
            and self.registration_opens_at >= self.registration_deadline
        ):
            errors["registration_opens_at"] = "Registration must open before its deadline."
        return errors

    def registration_state(self, now=None):
        """What the edition page says about registration, or None when there is nothing to say."""
        now = now or utc_now()
        if self.registration_mode == RegistrationMode.NONE:
            return None
        if self.registration_is_open(now):
            return RegistrationState.OPEN
        if self.registration_not_open_yet(now):
            return RegistrationState.NOT_OPEN_YET
        if self.takes_registrations or self.registration_deadline or self.is_over(now) or self.is_cancelled:
            if self.takes_registrations or self.registration_deadline or self.eligibility:
                return RegistrationState.CLOSED
            return None
        return RegistrationState.NOT_OPEN_YET

    def registration_is_open(self, now=None):
        now = now or utc_now()
        if not self.takes_registrations or not self.is_going_ahead or self.is_over(now):
            return False
        if self.registration_opens_at and now < self.registration_opens_at:
            return False
        return self.registration_deadline is None or now < self.registration_deadline

    def registration_not_open_yet(self, now):
        return (
            self.takes_registrations
            and self.is_going_ahead
            and self.registration_opens_at is not None
            and now < self.registration_opens_at
        )

    @property
    def takes_registrations(self):
        """Registration on this site, or a registration URL elsewhere."""
        if self.registration_mode == RegistrationMode.ON_SITE:
            return True
        return self.registration_mode == RegistrationMode.EXTERNAL and bool(self.registration_url)

    @property
    def registers_on_site(self):
        return self.registration_mode == RegistrationMode.ON_SITE

    def places_not_held(self):
        """The edition's places that no registration holds (0 without places): what the registration
        desk may still give, and what the page says is left.

        registrations/ keeps the rule of which registrations hold a place (holding_places()); it is
        reached through the relation that app adds, so this app imports nothing of it.
        """
        return max((self.registration_places or 0) - self.registrations.holding_places().count(), 0)

    def free_places(self):
        """Places left to register for on this site; None where places are not counted here."""
        if not self.registers_on_site or self.registration_places is None:
            return None
        return self.places_not_held()

    @property
    def needs_approval(self):
        return self.registration_approval == Approval.INDIVIDUAL

    @property
    def public_online_url(self):
        """The join link where anyone may see it: never for an edition whose registrants
        are approved on this site, who get it by e-mail instead."""
        return "" if self.registers_on_site else http_url(self.online_url)

    @property
    def registration_href(self):
        """Where the Register button leads: this site's form (absolute), or the URL elsewhere."""
        if self.registers_on_site:
            return settings.SITE_URL + reverse("registrations:register", args=[self.slug])
        return self.registration_url
