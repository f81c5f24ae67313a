from django.http import HttpResponse


def floor(request):
    """The framework's floor for `make bench`: the same middleware, no template, no query."""
    return HttpResponse("ok", content_type="text/plain")
