from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .models import Series


def site(request):
    """The canonical address of the current page, built on the public site URL, and the main series."""
    return {
        "canonical_url": settings.SITE_URL + request.path,
        "site_url": settings.SITE_URL,
        "main_series": SimpleLazyObject(Series.objects.main),
    }
