"""Each edition's registration figures, annotated in the editions' one query: registered, places
left, waiting, pending and e-mails not delivered. The admin's edition list shows them, and the
desk's index and daily digest say what waits with them: one definition for all three.
"""

from datetime import timedelta

from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils.timezone import now as utc_now

from events.models import RegistrationMode

from .models import HOLDS_PLACE, Message, Registration

Status = Registration.Status

# A message that failed for good is news for this long: the organisers have seen it in the index
# and the digests by then, and it cannot be sent again, so it would otherwise be in every digest
# until the edition is over.
FAILED_NEWS = timedelta(days=7)


def failed_since(now=None):
    return (now or utc_now()) - FAILED_NEWS


def failed_lately(now=None):
    """The messages that failed for good lately: the figure "not delivered" counts them."""
    return Message.objects.filter(failed_at__gt=failed_since(now))


def admin_list_url(edition_pk, **filters):
    """The admin's list of the edition's registrations, filtered: status="pending", delivery="failed"
    (the list's filters, registrations/admin/registrations.py)."""
    query = "".join(f"&{name}={value}" for name, value in filters.items())
    return reverse("admin:registrations_registration_changelist") + f"?edition__id__exact={edition_pk}{query}"


def _count(rows, edition_field):
    """How many `rows` the edition has, as a subquery of the editions' query: never a join, so
    that the figures do not multiply each other, whatever else the query joins."""
    per_edition = rows.filter(**{edition_field: OuterRef("pk")}).order_by().values(edition_field)
    counted = per_edition.annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _registrations(condition):
    return _count(Registration.objects.filter(condition), "edition")


def with_figures(editions, now=None):
    """`editions` with registered (approved), waiting, pending, failed (e-mails that failed for
    good lately) and places_left (none left, or an edition without places: 0)."""
    return editions.annotate(
        registered=_registrations(Q(status=Status.APPROVED)),
        holding=_registrations(Q(status__in=HOLDS_PLACE)),
        waiting=_registrations(Q(status=Status.WAITING)),
        pending=_registrations(Q(status=Status.PENDING)),
        failed=_count(failed_lately(now), "registration__edition"),
    ).annotate(places_left=Greatest(Coalesce("registration_places", Value(0)) - F("holding"), Value(0)))


def current(editions, now=None):
    """The editions whose registration on this site still matters (on this site, not over), with
    their figures, soonest first."""
    on_site = editions.filter(registration_mode=RegistrationMode.ON_SITE)
    return with_figures(on_site.upcoming(now), now)
