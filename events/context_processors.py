from django.conf import settings


def site(request):
    """The canonical address of the current page, built on the public site URL."""
    return {
        "canonical_url": settings.SITE_URL + request.path,
        "site_url": settings.SITE_URL,
    }
