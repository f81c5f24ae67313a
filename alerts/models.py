"""E-mail alerts: who wants to hear of what, and each alert sent to each subscriber once."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django_countries.fields import CountryField

from common.tokens import new_link_key, sign
from mail.models import OutgoingMessage, due_index


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def following(self, edition):
        """Confirmed subscribers an edition concerns: all editions, one of its themes, or the
        country of its venue. An online edition is in no country, whatever its country field says
        (the organisers' own), and an empty country is nobody's choice: "contains ''" would be
        everyone's."""
        themes = list(edition.themes.values_list("pk", flat=True))
        wanted = Q(every_edition=True) | Q(themes__in=themes)
        if edition.has_venue and edition.country.code:
            wanted |= Q(countries__contains=edition.country.code)
        return self.confirmed().filter(wanted).distinct()

    def of_calls(self):
        return self.confirmed().filter(calls_for_hosts=True)


class Subscription(models.Model):
    """One address and its choice. Deleted at once when it unsubscribes: nothing of it is kept."""

    # The salts keep the names alerts had inside hosting: links already sent must keep working.
    CONFIRM_SALT = "hosting.alerts.confirm"
    MANAGE_SALT = "hosting.alerts.manage"

    email = models.EmailField("e-mail", unique=True)
    every_edition = models.BooleanField("every new edition", default=False)
    countries = CountryField(multiple=True, blank=True, help_text="Editions in these countries.")
    themes = models.ManyToManyField("events.Theme", blank=True, related_name="subscriptions")
    calls_for_hosts = models.BooleanField("calls for hosts", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # What the subscriber's links sign (common.tokens).
    link_key = models.CharField(max_length=43, unique=True, default=new_link_key, editable=False)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return self.email

    # No get_absolute_url: the admin's "View on site" would lead any staff account to the
    # subscriber's own page. The page is for the person.
    def manage_url(self):
        return reverse("alerts:manage", args=[self.manage_token()])

    def confirm_token(self):
        return sign(self.link_key, salt=self.CONFIRM_SALT)

    def manage_token(self):
        # Not timed: the links in every alert to change or unsubscribe must keep working.
        return sign(self.link_key, salt=self.MANAGE_SALT, timed=False)

    def get_confirm_url(self):
        return reverse("alerts:confirm", args=[self.confirm_token()])

    def get_unsubscribe_url(self):
        return reverse("alerts:unsubscribe", args=[self.manage_token()])


class Alert(OutgoingMessage):
    """One alert to one subscriber about one event ("published:12", "changed:12:3", "call-open:2").

    The unique (subscription, event key) means an event reaches a subscriber once, however
    often it is noticed; the row is sent by mail.delivery, once, with retries (mail.OutgoingMessage).
    """

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="alerts")
    event_key = models.CharField(max_length=100)
    subject = models.CharField(max_length=300)
    text = models.TextField()
    url = models.CharField(max_length=300)
    # For alerts about an edition: the version (its SEQUENCE) the subscriber was told of.
    sequence = models.PositiveIntegerField(default=0)

    class Meta(OutgoingMessage.Meta):
        constraints = [
            models.UniqueConstraint(fields=["subscription", "event_key"], name="alert_once_per_event"),
        ]
        indexes = [due_index("alert_due")]

    @property
    def topic(self):
        return self.event_key

    @property
    def recipient(self):
        return self.subscription.email
