from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .models import Series, SiteIdentity


def site(request):
    """The canonical address of the current page, built on the public site URL, the main series
    and the organisers' identity (their logo in the header); each read only if the page shows it."""
    return {
        "canonical_url": settings.SITE_URL + request.path,
        "site_url": settings.SITE_URL,
        "main_series": SimpleLazyObject(Series.objects.main),
        "site_identity": SimpleLazyObject(SiteIdentity.current),
    }
