"""Alerts: which event concerns whom, one Alert row per subscriber and event, sent by the queue.

An event is noticed by a key ("published:12"); announce() creates the missing rows in batches
and enqueues each one. Noticing the same event again finds every row there and sends nothing.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.forms.models import construct_instance
from django.urls import reverse
from django.utils.timezone import now as utc_now

from common.when import local_time, when_text
from events.models import Edition
from hosting import calls
from mail import delivery
from mail.models import RESEND_AFTER

from .models import Alert, Subscription

BATCH = 200


def announce(event_key, subscribers, *, subject, text, url, sequence=0, covers=""):
    """One alert per subscriber for this event, created and enqueued BATCH at a time.

    covers: the key of another event this alert tells of too ("registration-open:12" in a new
    edition's alert): for each subscriber it newly tells, that event is recorded as told along
    with it, already sent, so that it never comes as a second e-mail.
    """
    pks = list(subscribers.values_list("pk", flat=True))
    created = 0
    for start in range(0, len(pks), BATCH):
        with transaction.atomic():
            batch = pks[start : start + BATCH]
            told = set(
                Alert.objects.filter(event_key=event_key, subscription_id__in=batch).values_list(
                    "subscription_id", flat=True
                )
            )
            rows = [
                Alert(
                    subscription_id=pk,
                    event_key=event_key,
                    subject=subject,
                    text=text,
                    url=url,
                    sequence=sequence,
                )
                for pk in batch
                if pk not in told
            ]
            # ignore_conflicts: a second worker noticing the same event at the same moment adds nothing.
            Alert.objects.bulk_create(rows, ignore_conflicts=True)
            unsent = Alert.objects.filter(event_key=event_key, subscription_id__in=batch, sent_at=None)
            new = [alert for alert in unsent if alert.subscription_id not in told]
            if covers:
                covered = [
                    Alert(
                        subscription_id=alert.subscription_id,
                        event_key=covers,
                        subject=subject,
                        text=f"Told in the alert {event_key}.",
                        url=url,
                        sequence=sequence,
                        sent_at=alert.created_at,
                    )
                    for alert in new
                ]
                Alert.objects.bulk_create(covered, ignore_conflicts=True)
            for alert in new:
                delivery.enqueue(alert)
            created += len(new)
    return created


def edition_text(edition):
    return f"{edition.title}\n{when_text(edition)}, {edition.place}"


def registration_text(edition):
    """Registration is open until 20 April 2030, 18:00 CEST (UTC+02:00): in the venue's zone."""
    if edition.registration_deadline is None:
        return "Registration is open."
    return f"Registration is open until {local_time(edition.registration_deadline, edition.tz)}."


def first_published_at(edition):
    """When the edition first became public, by its history (simple_history's records).

    None when its history does not reach back to its creation: an edition loaded with the archive
    (raw, so without a record) was public before it had any, and is no news now.
    """
    records = edition.history.order_by("history_date", "history_id")
    first = records.first()
    if first is None or first.history_type != "+":
        return None
    public = records.exclude(status=Edition.Status.DRAFT).first()
    return public.history_date if public else None


def announce_new(edition, followers, now):
    """ "New edition" to those who followed it when it was first published, once, and only while
    it is upcoming and going ahead: a later save, a republication, a past edition or a later
    subscriber brings none. Registration already open is said in the same e-mail."""
    first = first_published_at(edition)
    if first is None or edition.is_over(now) or not edition.is_going_ahead:
        return 0
    subject, text, covers = f"New edition: {edition.title}", edition_text(edition), ""
    if edition.registration_is_open(now):
        subject = f"New edition, registration open: {edition.title}"
        text, covers = f"{text}\n\n{registration_text(edition)}", f"registration-open:{edition.pk}"
    return announce(
        f"published:{edition.pk}",
        followers.filter(confirmed_at__lte=first),
        subject=subject,
        text=text,
        url=edition.get_absolute_url(),
        sequence=edition.sequence,
        covers=covers,
    )


def differs_from_version(edition, sequence):
    """Whether the edition's date, time, place or status differ from its version `sequence`, by
    its history: a new SEQUENCE need not be news (unpublished and published again, the edition
    is as it was). Without a record of that version, it is taken to differ."""
    record = edition.history.filter(sequence=sequence).order_by("-history_date").first()
    if record is None:
        return True
    return any(getattr(record, name) != getattr(edition, name) for name in edition.SCHEDULING_FIELDS)


def edition_saved(edition_pk, now=None):
    """After an edition is saved: first published, changed (a new SEQUENCE) or cancelled, each
    noticed once.

    Only subscribers told of the edition before hear of a change, and only of a version newer
    than the one they were told of; the previous state is what their alerts recorded.
    """
    now = now or utc_now()
    edition = Edition.objects.published().filter(pk=edition_pk).first()
    if edition is None:
        return
    about = {"text": edition_text(edition), "url": edition.get_absolute_url(), "sequence": edition.sequence}
    followers = Subscription.objects.following(edition)
    published = f"published:{edition.pk}"
    told = Alert.objects.filter(Q(event_key=published) | Q(event_key__startswith=f"changed:{edition.pk}:"))
    # Each follower told of the edition, with the latest version they were told of.
    versions = told.filter(subscription__in=followers).order_by().values("subscription_id")
    versions = versions.annotate(told=Max("sequence")).values_list("subscription_id", "told")
    differs = {
        sequence: differs_from_version(edition, sequence) for sequence in {told for _, told in versions}
    }
    outdated = [pk for pk, sequence in versions if sequence < edition.sequence and differs[sequence]]
    announce_new(edition, followers, now)
    if edition.is_cancelled:
        told_of_it = followers.filter(alerts__event_key=published)
        announce(f"cancelled:{edition.pk}", told_of_it, subject=f"Cancelled: {edition.title}", **about)
    elif outdated:
        changed = Subscription.objects.filter(pk__in=outdated)
        key = f"changed:{edition.pk}:{edition.sequence}"
        announce(key, changed, subject=f"Changed: {edition.title}", **about)


def scan(now=None):
    """Events that happen with time, not with a save: registration opening, a call opening (hourly)."""
    now = now or utc_now()
    sent = 0
    for edition in Edition.objects.going_ahead().filter(ends_at__gt=now):
        if edition.registration_is_open(now):
            sent += announce(
                f"registration-open:{edition.pk}",
                Subscription.objects.following(edition),
                subject=f"Registration is open: {edition.title}",
                text=f"{edition_text(edition)}\n\n{registration_text(edition)}",
                url=edition.get_absolute_url(),
            )
    for call in calls.open_calls(now):
        sent += announce(
            f"call-open:{call.pk}",
            Subscription.objects.of_calls(),
            subject=f"A call for hosts is open: {call.title}",
            text=f"{call.title}\n\n{call_deadlines_text(call)}",
            url=reverse("hosting:host"),
        )
    return sent


def call_deadlines_text(call):
    """Applications until 29 July 2030, 18:00 CEST: each cut-off in the zone it is announced in."""
    found = calls.deadlines(call)
    if not found:
        return "The call has no deadline yet."
    if len(found) == 1:
        return f"Applications until {found[0].display}."
    return "\n".join(f"{deadline.label}: {deadline.display}" for deadline in found)


def send_confirmation(subscription):
    """The double opt-in's link, sent at once through the queue as an Alert row of its own."""
    return announce(
        f"confirm:{subscription.created_at:%Y%m%d%H%M%S}",
        Subscription.objects.filter(pk=subscription.pk),
        subject="Please confirm your e-mail alerts: Clusters meet Regions",
        text=(
            "Please confirm that you want e-mail alerts from Clusters meet Regions. Open this link and "
            f'press "Confirm" (the link works for {settings.CONFIRM_LINK_DAYS} days):\n\n'
            f"{settings.SITE_URL}{subscription.get_confirm_url()}\n\n"
            "If you did not ask for alerts, ignore this message: the address is forgotten after that."
        ),
        url=subscription.get_confirm_url(),
    )


@transaction.atomic
def sign_up(form, now):
    """A new address is stored and sent its confirmation. An address not yet confirmed takes the
    new choices and a new link (a lost or expired one is not a dead end); a confirmed address is
    sent the link to its settings and nothing changes. Either way only the address's owner learns
    it was signed up already, and at most one such e-mail goes out per RESEND_AFTER.
    """
    email = form.cleaned_data["email"]
    subscription = Subscription.objects.select_for_update().filter(email=email).first()
    if subscription is None:
        try:
            with transaction.atomic():
                subscription = form.save()
        except IntegrityError:
            # The same address signed up by another request at the same moment, which committed
            # first (PostgreSQL held this INSERT until then): its confirmation serves both.
            return
        send_confirmation(subscription)
        return
    # The e-mail this request would send: a confirmation, or the link to the settings.
    kind = "confirm:" if subscription.confirmed_at is None else "link:"
    if subscription.alerts.filter(event_key__startswith=kind, created_at__gt=now - RESEND_AFTER).exists():
        return
    if subscription.confirmed_at is None:
        construct_instance(form, subscription, fields=["every_edition", "countries", "calls_for_hosts"])
        # The hourly job forgets unconfirmed addresses by this date: the new link gets its full time.
        subscription.created_at = now
        subscription.save()
        subscription.themes.set(form.cleaned_data["themes"])
        send_confirmation(subscription)
        return
    announce(
        f"link:{now:%Y%m%d%H%M%S}",
        Subscription.objects.filter(pk=subscription.pk),
        subject="Your e-mail alerts: Clusters meet Regions",
        text=(
            "Someone, probably you, asked for e-mail alerts from Clusters meet Regions with this "
            "address. It has alerts already, so nothing has changed. Change what you receive, or "
            "stop, with the links below. If you did not ask, ignore this message."
        ),
        url=subscription.manage_url(),
    )


def confirm(subscription):
    if subscription.confirmed_at is None:
        subscription.confirmed_at = utc_now()
        subscription.save(update_fields=["confirmed_at"])
    return subscription
