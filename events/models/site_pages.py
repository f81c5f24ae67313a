"""The site's own pages that organisers keep up to date: the privacy notice and the legal notice."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.safestring import mark_safe
from simple_history.models import HistoricalRecords

from common.text import render_markdown
from mail.emails import write_to

from .fields import MarkdownField, RenderedMarkdownField

# What the site says until the organisers write their own text in the admin.
# Each statement is true of this site as built: change it when the site changes.
DEFAULTS = {
    "privacy": (
        "Privacy notice",
        """This site presents the “Clusters meet Regions” workshops of the [European Cluster
Collaboration Platform](https://www.clustercollaboration.eu/) (ECCP). This notice says what it
records about the people who use it.

## Visitors

You can read every page without an account. The site sets no cookie for visitors and runs no
analytics, advertising or other third-party script; it loads nothing from other sites.

Like every web server, it writes one line for each request: the time, the address asked for, the
answer, your IP address and what your browser says it is. These lines are used only to keep the
site running and secure, and are not kept longer than that needs.

## Registrants

When you register for an edition on this site, it records what the form asks: your name, e-mail
address, organisation, its kind (cluster, public authority, agency, company, other), your country
and your answers to any questions the organisers add for that edition (such as which site visit
you will join, or your dietary or access needs), with the times you registered and confirmed your
address, your status (pending, approved, on the waiting list, …) and the e-mails sent to you. The
organisers use them only to run that edition's registration: to check that you are eligible,
approve your place, keep the waiting list in order, write to you about it (confirmation, decision,
changes, reminder, and the organisers' messages to registrants) and know who attends.
Nothing is shared with anyone else, and no cookie is set.

Your details are kept until {retention_days} days after the edition, then deleted: the name,
e-mail address, organisation and answers are erased, and only the country, the kind of
organisation and the status stay, as anonymous counts for the edition's key figures.

Every e-mail we send you links to your registration's own page, where you can cancel, and delete
your data at once with "Delete my data". To limit abuse, the site counts registration requests per
IP address and per e-mail address for an hour.

## Regions applying to host an edition

When you apply to host an edition, the site records what the form asks: the organisation, its kind,
region and country, the contact person's name and e-mail address, the proposed period and city,
themes, your motivation, your partners in the region and the support letter (a PDF), with the times
you applied and confirmed your address and the e-mails sent to you. The organisers use them only to
review the application and write to you about it. The support letter is never published: only
organisers signed in to the site can open it. The form's page sets one cookie, against forged
submissions (CSRF); it holds nothing about you.

An application whose address is not confirmed within {confirm_days} days is deleted. {hosting_days}
days after the call's last cut-off date, the contact person's name, the e-mail address and the support
letter are erased; what the region proposed stays as the record of the call.

## E-mail alerts

When you sign up for e-mail alerts, the site records your e-mail address and your choice (every new
edition, editions in the countries or on the themes you chose, calls for hosts), when you signed up and
confirmed, and which alerts were sent to you, so that none is sent twice. They are used only to send
you those alerts. The alerts hold no tracking pixel and their links are not rewritten.

An address not confirmed within {confirm_days} days is deleted. Every alert links to a page where you
can change your choice, and to unsubscribe with one click: the address and everything recorded with it
are deleted at once.

## Organisers

Organisers who sign in to edit the site have an account with a user name and an e-mail address. A
cookie keeps them signed in for a working day at most. Failed sign-ins are recorded with their
address, to stop password guessing.

## Your rights

To learn what is recorded about you, or to have it corrected or deleted, write to the organisers at
<{organisers_email}> (see [Contact](/contact/)). Replying to any e-mail from the site reaches the
organisers too, or the edition's own contact where it has one.
""",
    ),
    "legal": (
        "Legal notice",
        """This site presents the “Clusters meet Regions” workshops, organised by the [European Cluster
Collaboration Platform](https://www.clustercollaboration.eu/) (ECCP) with the host region of each
edition. To reach the organisers, see [Contact](/contact/).

The texts about each edition come from the organisers' own announcements. Dates, places and
programmes can change: the page of an edition always shows the latest the organisers have published.

Links to other sites are given for information; this site is not responsible for their content.

The map of Europe is drawn from Natural Earth, which is in the public domain.
""",
    ),
}
# The notice states the retention periods this site is configured with, and where to write.
DEFAULTS["privacy"] = (
    DEFAULTS["privacy"][0],
    DEFAULTS["privacy"][1]
    .replace("{retention_days}", str(settings.REGISTRATION_RETENTION_DAYS))
    .replace("{confirm_days}", str(settings.CONFIRM_LINK_DAYS))
    .replace("{hosting_days}", str(settings.HOSTING_RETENTION_DAYS))
    .replace("{organisers_email}", write_to()),
)


class SitePage(models.Model):
    class Kind(models.TextChoices):
        PRIVACY = "privacy", "Privacy notice"
        LEGAL = "legal", "Legal notice"

    kind = models.CharField(max_length=16, choices=Kind.choices, unique=True)
    title = models.CharField(max_length=200)
    body = MarkdownField()
    body_html = RenderedMarkdownField("body")
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind"]
        verbose_name = "site page"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["privacy", "legal"]), name="site_page_kind_valid"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(f"events:{self.kind}")

    @classmethod
    def for_kind(cls, kind):
        """The organisers' page of this kind, or the site's default text until they write one."""
        page = cls.objects.filter(kind=kind).first()
        if page is None:
            title, body = DEFAULTS[kind]
            # Sanitised by render_markdown (nh3), as a saved page's HTML is by its field.
            page = cls(kind=kind, title=title, body=body, body_html=mark_safe(render_markdown(body)))  # noqa: S308
        return page
