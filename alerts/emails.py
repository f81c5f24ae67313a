"""The alert e-mail: one per Alert row, with RFC 8058 one-click unsubscribe."""

from django.conf import settings
from django.template.loader import render_to_string

from events.models import Edition
from mail.emails import Link, Paragraph, build_email, paragraphs

# The button says where it leads; the kind of alert is its event key's first part.
BUTTONS = {"confirm": "Confirm my alerts", "link": "Change my alerts", "call-open": "See the call"}
# Alerts that tell of an edition whose registration may be open: theirs is a Register button.
ABOUT_REGISTRATION = {"published", "registration-open"}


def button_label(alert):
    return BUTTONS.get(alert.event_key.split(":", 1)[0], "See the edition")


def is_confirmation(alert):
    return alert.event_key.startswith("confirm:")


def register_href(alert):
    """Where Register leads, for an alert about an edition whose registration is open as it is
    sent (the alert may wait in the queue past the deadline); else ""."""
    kind, _, rest = alert.event_key.partition(":")
    if kind not in ABOUT_REGISTRATION:
        return ""
    edition = Edition.objects.published().filter(pk=int(rest)).first()
    return edition.registration_href if edition and edition.registration_is_open() else ""


def build(alert):
    """The alert, with RFC 8058 one-click unsubscribe: a POST to List-Unsubscribe needs nothing else.

    The confirmation goes to an address not yet subscribed: it offers no unsubscribe, and says
    why it came. Its text holds the link to confirm, which becomes the button where it stands.
    """
    subscription = alert.subscription
    url = settings.SITE_URL + alert.url
    register_url = register_href(alert)
    context = {
        "alert": alert,
        "url": url,
        # The confirmation's text carries its link already: not a second time.
        "url_in_text": url in alert.text,
        "register_url": register_url,
    }
    text = render_to_string("alerts/email/alert.txt", context)
    if is_confirmation(alert):
        return build_email(
            subscription.email,
            alert.subject,
            text,
            body=paragraphs(alert.text, {url: button_label(alert)}),
            reason="You receive this because someone asked for e-mail alerts from Clusters meet Regions "
            "with this address. Nothing more is sent unless it is confirmed.",
        )
    unsubscribe_url = settings.SITE_URL + subscription.get_unsubscribe_url()
    headers = {
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    body = paragraphs(alert.text)
    button = None
    if register_url:
        # Registering is what the news asks for; the edition's page comes second, as a link.
        body += [Paragraph(register_url, button="Register"), Paragraph(f"The edition's page: {url}")]
    else:
        button = Link(button_label(alert), url)
    manage_url = settings.SITE_URL + subscription.manage_url()
    return build_email(
        subscription.email,
        alert.subject,
        text,
        body=body,
        button=button,
        reason="You receive this because this address asked for e-mail alerts from Clusters meet Regions.",
        links=[Link("Change what you receive", manage_url), Link("Unsubscribe", unsubscribe_url)],
        headers=headers,
    )
