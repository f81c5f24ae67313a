"""The alert e-mail: one per Alert row, with RFC 8058 one-click unsubscribe."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

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
        "subject": alert.subject,
        "button": button_label(alert),
        "url": settings.SITE_URL + alert.url,
        "manage_url": settings.SITE_URL + subscription.manage_url(),
        "unsubscribe_url": unsubscribe_url,
    }
    text = render_to_string("alerts/email/alert.txt", context)
    html = render_to_string("alerts/email/alert.html", context)
    headers = {
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    email = EmailMultiAlternatives(alert.subject, text, to=[subscription.email], headers=headers)
    email.attach_alternative(html, "text/html")
    return email
