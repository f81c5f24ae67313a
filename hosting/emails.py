"""The e-mails to applicants, queued as ApplicationMessage rows, and to the organisers about a new
application, as ApplicationNotice rows: queued in the caller's transaction and sent by
mail.delivery, so each goes once, with retries."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from events.roles import organiser_accounts
from mail import delivery
from mail.emails import Link, build_email, paragraphs, write_to

from .models import ApplicationMessage, ApplicationNotice

Kind = ApplicationMessage.Kind

SUBJECTS = {
    Kind.CONFIRM: "Please confirm your application to host Clusters meet Regions",
    Kind.RECEIVED: "Application {reference} received ({call})",
    Kind.SHORTLISTED: "Application {reference} shortlisted ({call})",
    Kind.ACCEPTED: "Application {reference} accepted ({call})",
    Kind.DECLINED: "Application {reference} declined ({call})",
}
# The applicant's next step, a button where the text has its link.
ACTIONS = {
    Kind.CONFIRM: ("confirm_url", "Confirm my application"),
    Kind.RECEIVED: ("host_url", "What hosting involves"),
    Kind.DECLINED: ("host_url", "See the calls for hosts"),
}


def queue(application, kind):
    """At most one message of each kind per application; True if it is new."""
    message, created = ApplicationMessage.objects.get_or_create(application=application, kind=kind)
    if created:
        delivery.enqueue(message)
    return created


def build(message):
    application = message.application
    subject = SUBJECTS[message.kind].format(call=application.call.title, reference=application.reference)
    context = {
        "application": application,
        "subject": subject,
        "confirm_url": settings.SITE_URL + application.get_confirm_url(),
        "host_url": settings.SITE_URL + reverse("hosting:host"),
        "confirm_days": settings.CONFIRM_LINK_DAYS,
        "write_to": write_to(),
    }
    text = render_to_string(f"hosting/email/{message.kind}.txt", context)
    url, label = ACTIONS.get(message.kind, (None, ""))
    actions = {context[url]: label} if url else {}
    return build_email(
        application.email,
        subject,
        text,
        body=paragraphs(text, actions),
        reason=f"You receive this because this address applied for {application.organisation} to host "
        "an edition of Clusters meet Regions.",
    )


def queue_notices(application):
    """Each organiser hears of the application once; how many notices are new."""
    told = ApplicationNotice.objects.filter(application=application).values("user")
    notices = ApplicationNotice.objects.bulk_create(
        ApplicationNotice(application=application, user=user)
        for user in organiser_accounts().exclude(pk__in=told)
    )
    for notice in notices:
        delivery.enqueue(notice)
    return len(notices)


def build_notice(notice):
    application = notice.application
    admin_url = settings.SITE_URL + reverse("admin:hosting_application_change", args=[application.pk])
    subject = f"New application to host: {application.organisation}, {application.city}"
    context = {"application": application, "admin_url": admin_url}
    text = render_to_string("hosting/email/notice.txt", context)
    return build_email(
        notice.user.email,
        subject,
        text,
        body=paragraphs(text, {admin_url: "Review the application"}),
        reason="You receive this because you are one of the organisers of Clusters meet Regions.",
        links=[Link("All applications", settings.SITE_URL + reverse("admin:hosting_application_changelist"))],
    )
