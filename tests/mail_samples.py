"""One of every e-mail the site sends, built as the worker builds it, each with its main action's
address: for the layout's tests (tests/mail/test_layout.py) and the browser's
(tests/browser/test_emails.py)."""

from django.contrib.auth.models import User
from django.utils import timezone

from alerts import emails as alert_emails
from alerts import flow as alert_flow
from alerts.models import Alert, Subscription
from desk import digests
from desk import emails as desk_emails
from desk.models import Digest, StaffMessage
from desk.waiting import EditionFigures, Figure, Waiting
from feedback import emails as feedback_emails
from feedback.models import FeedbackMessage, Survey
from hosting import emails as hosting_emails
from hosting.models import ApplicationMessage, ApplicationNotice
from registrations import emails as registration_emails
from registrations import flow
from registrations.models import Message
from tests.factories import ApplicationFactory
from tests.registrations_helpers import on_site_edition


def _action(email):
    """The main action's address: the first button's link in the HTML part, or ""."""
    html = email.alternatives[0][0]
    marker = '<td style="background:#0b4f8a;border-radius:8px;"><a href="'
    if marker not in html:
        return ""
    return html.split(marker, 1)[1].split('"', 1)[0].replace("&amp;", "&")


def every_email():
    """{name: (email, main action's address or "")}: to one registrant, applicant, subscriber, organiser."""
    edition = on_site_edition(title="Clusters meet Regions 2030: Kraków")
    registration = flow.create(edition, name="Anna Nowak", email="anna@example.org", organisation="A cluster",
                               country="PL", kind="cluster")  # fmt: skip
    registration.offer_expires_at = timezone.now()
    emails = {}
    for kind in registration_emails.Kind.values:
        emails[f"registration-{kind}"] = registration_emails.build(
            Message(registration=registration, kind=kind)
        )
    survey = Survey.objects.create(edition=edition, closes_on=edition.end_date)
    emails["feedback-invitation"] = feedback_emails.build(
        FeedbackMessage(survey=survey, registration=registration)
    )
    application = ApplicationFactory()
    for kind in ApplicationMessage.Kind.values:
        emails[f"hosting-{kind}"] = hosting_emails.build(
            ApplicationMessage(application=application, kind=kind)
        )
    subscription = Subscription.objects.create(email="anna@example.org", every_edition=True)
    alert_flow.send_confirmation(subscription)
    alert = Alert(
        subscription=subscription,
        event_key=f"published:{edition.pk}",
        subject=f"New edition, registration open: {edition.title}",
        text=f"{alert_flow.edition_text(edition)}\n\n{alert_flow.registration_text(edition)}",
        url=edition.get_absolute_url(),
    )
    emails["alert-confirm"] = alert_emails.build(Alert.objects.get(event_key__startswith="confirm:"))
    emails["alert-new-edition"] = alert_emails.build(alert)
    organiser = User.objects.create_user(
        "anowak", "anna.nowak@example.org", first_name="Anna", last_name="Nowak"
    )
    for kind in desk_emails.Kind.values:
        emails[f"desk-{kind}"] = desk_emails.build(StaffMessage(user=organiser, kind=kind, edition=edition))
    emails["hosting-notice"] = hosting_emails.build_notice(
        ApplicationNotice(application=application, user=organiser)
    )
    figures = [
        Figure("2 requests awaiting approval", "/admin/registrations/registration/?status__exact=pending")
    ]
    waiting = Waiting([EditionFigures(edition.title, "24 April 2030", "/admin/", figures)])
    digest = Digest(user=organiser, day=timezone.now().date(), waiting=waiting.as_data())
    emails["desk-digest"] = digests.build(digest)
    return {name: (email, _action(email)) for name, email in emails.items()}
