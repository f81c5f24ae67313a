"""The alert e-mail: one per Alert row, with RFC 8058 one-click unsubscribe."""

from django.conf import settings
from django.template.loader import render_to_string

from mail.emails import Link, Paragraph, build_email

# The button says where it leads; the kind of alert is its event key's first part.
BUTTONS = {"confirm": "Confirm my alerts", "link": "Change my alerts", "call-open": "See the call"}


def button_label(alert):
    return BUTTONS.get(alert.event_key.split(":", 1)[0], "See the edition")


def build(alert):
    """The alert, with RFC 8058 one-click unsubscribe: a POST to List-Unsubscribe needs nothing else."""
    subscription = alert.subscription
    unsubscribe_url = settings.SITE_URL + subscription.get_unsubscribe_url()
    context = {
        "alert": alert,
        "url": settings.SITE_URL + alert.url,
        "manage_url": settings.SITE_URL + subscription.manage_url(),
        "unsubscribe_url": unsubscribe_url,
    }
    headers = {
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return build_email(
        subscription.email,
        alert.subject,
        render_to_string("alerts/email/alert.txt", context),
        # The alert's text in one paragraph, its line breaks kept, and the button after it.
        body=[Paragraph(alert.text)],
        button=Link(button_label(alert), context["url"]),
        reason="You receive this because this address asked for e-mail alerts.",
        links=[Link("Change what you receive", context["manage_url"]), Link("Unsubscribe", unsubscribe_url)],
        headers=headers,
    )
