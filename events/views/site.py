"""The site's own pages: the privacy and legal notices, contact, the FAQ, robots.txt, uploads where
no proxy serves them, and the CSRF refusal."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.static import serve

from mail.emails import write_to

from ..models import FaqAudience, FaqEntry, SitePage

# The European Cluster Collaboration Platform, which runs the series.
ECCP_URL = "https://www.clustercollaboration.eu/"


def site_page(request, kind):
    """The privacy or legal notice, as the organisers wrote it in the admin."""
    page = SitePage.for_kind(kind)
    return render(request, "events/site_page.html", {"page": page})


def contact(request):
    """The organisers' address: the one every e-mail's Reply-To carries (settings.ORGANISERS_EMAIL)."""
    return render(request, "events/contact.html", {"address": write_to(), "eccp_url": ECCP_URL})


def faq(request):
    """Questions and answers for registrants, then for regions applying to host, as organisers keep them."""
    headings = {
        FaqAudience.REGISTRANTS: "Registering for an edition",
        FaqAudience.HOSTS: "Applying to host an edition",
    }
    sections = [
        (audience, heading, FaqEntry.objects.for_audience(audience)) for audience, heading in headings.items()
    ]
    return render(request, "events/faq.html", {"sections": sections, "address": write_to()})


def robots_txt(request):
    lines = ["User-agent: *", "Allow: /", f"Sitemap: {settings.SITE_URL}/sitemap.xml", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def media(request, path):
    """Uploads, for a site without a reverse proxy in front (SERVE_MEDIA).

    Only images and PDFs are ever accepted, served with the type of their
    extension; SecurityMiddleware adds X-Content-Type-Options: nosniff.
    """
    if not settings.SERVE_MEDIA:
        raise Http404("Media files are served by the reverse proxy.")
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: the site's own 403 page instead of Django's "CSRF verification failed".

    Only the admin's forms are checked, and the usual cause is a form left open
    past its session or cookie, so the page says to reload it. CsrfViewMiddleware
    has already logged the reason (django.security.csrf); the page does not repeat it.
    """
    return render(request, "403.html", {"form_expired": True}, status=403)
