"""The certificate's download (from the registrant's signed page) and its public verification page."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from common.tokens import row_from_token
from events.models import SiteIdentity
from registrations.models import Registration

from . import certificate_pdf, certificates


# A certificate names a person: never kept by a browser or a proxy (never_cache sends
# "Cache-Control: max-age=0, no-cache, no-store, must-revalidate, private").
@never_cache
@require_safe
def download(request, token):
    """The PDF, for the registration the manage link signs, once it is eligible; 404 otherwise."""
    registration = row_from_token(
        Registration.objects.select_related("edition"), token, salt=Registration.MANAGE_SALT
    )
    if registration is None or not certificates.is_eligible(registration):
        raise Http404("No certificate of attendance for this registration.")
    identity = SiteIdentity.current()
    pdf = certificate_pdf.draw(certificates.content(registration, identity), identity)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{certificates.filename(registration)}"'
    return response


@never_cache
@require_safe
def verify(request, code):
    """Public, but about one person: kept out of search engines and shared caches."""
    verification = certificates.verify(code)
    response = render(
        request,
        "attendance/certificate_verify.html",
        {"verification": verification, "registration": verification.registration},
        status=verification.status_code,
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
