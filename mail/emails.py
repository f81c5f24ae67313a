"""Every e-mail's two parts: the text its app wrote, and the same words in the one HTML layout."""

from dataclasses import dataclass

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    # The label of the button this paragraph becomes when it is exactly a call to action's address.
    button: str = ""
    # A list of links after the text, each under its label, the text their heading (the digest's figures).
    links: tuple[Link, ...] = ()


def paragraphs(text, actions=None):
    """The text's paragraphs; one that is exactly an address in `actions` ({url: label}) is a button.

    The call to action stands where the text has the link: on a phone it is on the first screen.
    """
    actions = actions or {}
    return [Paragraph(p, actions.get(p, "")) for p in (p.strip() for p in text.split("\n\n")) if p]


def build_email(
    to, subject, text, *, body=None, button=None, reason="", links=(), also_link="", headers=None
):
    """The e-mail: `text` as its plain part, and an HTML part in the layout (templates/mail/message.html).

    body: the HTML's paragraphs (by default the text's); button: a Link after them; reason and
    links: the footer's why-you-receive-this and its links; also_link: an address outside the
    site that may be a link (the join link of an online edition).
    """
    context = {
        "subject": subject,
        "paragraphs": paragraphs(text) if body is None else body,
        "button": button,
        "reason": reason,
        "links": links,
        "also_link": also_link,
    }
    email = EmailMultiAlternatives(subject, text, to=[to], headers=headers)
    email.attach_alternative(render_to_string("mail/message.html", context), "text/html")
    return email
