"""The daily digest: each organiser and team member hears once a day what waits for them.

From DIGEST_HOUR in DIGEST_TIME_ZONE, the hourly job (`manage.py send_digests`) queues a Digest
row for each person something waits for (desk.waiting) who has none for the day yet; the unique
(person, day) makes a second run, or a second job at the same moment, add nothing. Nobody hears
anything on a day when nothing waits for them.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.timezone import now as utc_now

from common.timezones import zone
from events.roles import organiser_accounts
from mail import delivery
from mail.emails import Link, Paragraph, build_email

from .models import Digest
from .waiting import Waiting, waiting_for


def recipients():
    """Who may get a digest: the organisers, and the host teams' members, with an address."""
    staff = get_user_model().objects.filter(is_active=True, is_staff=True).exclude(email="")
    teams = staff.filter(team_editions__isnull=False)
    return staff.filter(Q(pk__in=organiser_accounts().values("pk")) | Q(pk__in=teams.values("pk")))


def digest_day(now):
    """The organisers' day whose digest is due at `now`, or None before DIGEST_HOUR."""
    local = now.astimezone(zone(settings.DIGEST_TIME_ZONE))
    return local.date() if local.hour >= settings.DIGEST_HOUR else None


def queue_digests(now=None):
    """Today's digest for everyone something waits for and who has none yet; how many were queued."""
    now = now or utc_now()
    day = digest_day(now)
    if day is None:
        return 0
    queued = 0
    for user in recipients().exclude(digests__day=day).order_by("pk"):
        waiting = waiting_for(user, now)
        if not waiting.to_do:
            continue
        try:
            with transaction.atomic():
                digest = Digest.objects.create(user=user, day=day, waiting=waiting.to_do_only().as_data())
                delivery.enqueue(digest)
        except IntegrityError:
            continue  # queued by another run at the same moment
        queued += 1
    return queued


def subject(day):
    return f"What waits for you on {day.day} {day:%B %Y}"


def build(digest):
    waiting = Waiting.from_data(digest.waiting)
    site = settings.SITE_URL
    admin_url = site + reverse("admin:index")
    title = subject(digest.day)
    context = {
        "name": digest.user.get_full_name() or digest.user.get_username(),
        "waiting": waiting,
        "site_url": site,
        "admin_url": admin_url,
    }
    text = render_to_string("desk/email/digest.txt", context)
    groups = [(f"{e.title}\n{e.dates}", e.figures) for e in waiting.editions]
    if waiting.applications:
        groups.append(("Hosting", [waiting.applications]))
    body = [Paragraph(f"Dear {context['name']},"), Paragraph("This is what waits for you today.")]
    body += [
        Paragraph(head, links=tuple(Link(f.text, site + f.url) for f in found)) for head, found in groups
    ]
    return build_email(
        digest.user.email,
        title,
        text,
        body=body,
        button=Link("Open the admin", admin_url),
        reason="You receive this because you run editions of Clusters meet Regions, "
        "on the days when something waits for you.",
    )
