"""Every e-mail's two parts: the text its app wrote, and the same words in the one HTML layout,
each ending with the same footer (the series, why this address receives it, its links).

Every e-mail carries a Reply-To that a person reads (reply_to): a reply to "noreply@" is lost,
and registrants, applicants and subscribers answer the e-mail they have in front of them.
"""

from dataclasses import dataclass
from email.mime.image import MIMEImage
from email.utils import parseaddr

import css_inline
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import SafeMIMEMultipart
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

# E-mail clients drop a <style> block or the page's classes: organisers' HTML gets the layout's
# look (templates/mail/message.html) as style attributes on its tags.
ORGANISERS_HTML_CSS = """
p, ul, ol, blockquote, pre, table { margin: 0 0 16px; }
h2 { margin: 24px 0 8px; font-size: 19px; line-height: 1.3; color: #0e2a47; }
h3, h4 { margin: 20px 0 8px; font-size: 16px; line-height: 1.3; color: #14212e; }
li { margin: 0 0 4px; }
a { color: #0b4f8a; overflow-wrap: anywhere; }
blockquote { padding: 0 0 0 12px; border-left: 3px solid #d6dee6; color: #4a5866; }
pre { padding: 12px; background: #f1f5f9; white-space: pre-wrap; overflow-wrap: anywhere; }
table { border-collapse: collapse; }
th, td { padding: 4px 8px; border: 1px solid #d6dee6; text-align: left; vertical-align: top; }
hr { border: 0; border-top: 1px solid #d6dee6; margin: 24px 0; }
"""


def reply_to(edition=None):
    """Where a reply goes: the edition's contact address where the e-mail is about an edition
    that has one, else the organisers' (settings.ORGANISERS_EMAIL)."""
    return getattr(edition, "contact_email", "") or settings.ORGANISERS_EMAIL


def write_to(edition=None):
    """The bare address of reply_to(), for a text that says where to write."""
    return parseaddr(reply_to(edition))[1]


def styled(html):
    """Sanitised organisers' HTML (common.text.render_markdown) with the layout's look inlined."""
    return mark_safe(css_inline.inline_fragment(str(html), ORGANISERS_HTML_CSS))  # noqa: S308 - sanitised before, only styles added


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class InlineImage:
    """A PNG carried inside the e-mail and shown by its Content-ID (a QR code): clients block
    remote images, and Gmail and Outlook show an inline part of a multipart/related message."""

    content_id: str
    data: bytes
    alt: str
    # In CSS pixels; the PNG has more, for sharp screens.
    width: int = 200


@dataclass(frozen=True)
class Paragraph:
    text: str
    # The label of the button this paragraph becomes when it is exactly a call to action's address.
    button: str = ""
    # A list of links after the text, each under its label, the text their heading (the digest's figures).
    links: tuple[Link, ...] = ()
    # The picture this paragraph becomes (with its link under it) when it is exactly the image's address.
    image: InlineImage | None = None


def paragraphs(text, actions=None, images=None):
    """The text's paragraphs; one that is exactly an address in `actions` ({url: label}) is a button,
    one that is exactly an address in `images` ({url: InlineImage}) is that picture.

    The call to action stands where the text has the link: on a phone it is on the first screen.
    """
    actions, images = actions or {}, images or {}
    texts = (p.strip() for p in text.split("\n\n"))
    return [Paragraph(p, actions.get(p, ""), image=images.get(p)) for p in texts if p]


class EmailWithImages(EmailMultiAlternatives):
    """The text and HTML alternatives wrapped in multipart/related with the HTML's inline images,
    inside multipart/mixed when there are attachments too (the calendar entry)."""

    def __init__(self, *args, images=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.images = list(images)

    def _create_alternatives(self, msg):
        alternatives = super()._create_alternatives(msg)
        if not self.images:
            return alternatives
        related = SafeMIMEMultipart(_subtype="related", encoding=self.encoding or settings.DEFAULT_CHARSET)
        related.attach(alternatives)
        for image in self.images:
            part = MIMEImage(image.data, "png")
            part["Content-ID"] = f"<{image.content_id}>"
            part["Content-Disposition"] = f'inline; filename="{image.content_id}.png"'
            related.attach(part)
        return related


def build_email(
    to,
    subject,
    text,
    *,
    body=None,
    html="",
    button=None,
    reason="",
    links=(),
    also_link="",
    headers=None,
    edition=None,
):
    """The e-mail: `text` as its plain part, and an HTML part in the layout (templates/mail/message.html),
    both with the footer (templates/mail/footer.txt in the plain part).

    body: the HTML's paragraphs (by default the text's, or none after `html`); html: sanitised
    HTML written by organisers, before the paragraphs; button: a Link after them; reason and
    links: the footer's why-you-receive-this and its links; also_link: an address outside the
    site that may be a link (the join link of an online edition); edition: the edition the
    e-mail is about, whose contact address is the Reply-To where it has one.
    """
    if body is None:
        body = [] if html else paragraphs(text)
    site_url = settings.SITE_URL.rstrip("/") + "/"
    footer = {"site_url": site_url, "reason": reason, "links": links}
    text = f"{text.rstrip()}\n\n{render_to_string('mail/footer.txt', footer)}\n"
    context = {
        **footer,
        "subject": subject,
        "html": styled(html) if html else "",
        "paragraphs": body,
        "button": button,
        "also_link": also_link,
    }
    images = [paragraph.image for paragraph in body if paragraph.image]
    email = EmailWithImages(
        subject, text, to=[to], headers=headers, reply_to=[reply_to(edition)], images=images
    )
    email.attach_alternative(render_to_string("mail/message.html", context), "text/html")
    return email
