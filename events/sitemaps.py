from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap as BaseSitemap
from django.urls import reverse

from .models import Edition, Series, Summary


class Sitemap(BaseSitemap):
    """Addresses on SITE_URL, never on whatever Host the request carried."""

    protocol = urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class EditionSitemap(Sitemap):
    def items(self):
        return Edition.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class SummarySitemap(Sitemap):
    def items(self):
        # Empty summary records have no page worth indexing.
        return [
            summary
            for summary in Summary.objects.published()
            .select_related("edition")
            .prefetch_related("recordings")
            .order_by("pk")
            if summary.has_content
        ]

    def lastmod(self, item):
        return item.edition.updated_at


class SeriesSitemap(Sitemap):
    def items(self):
        return Series.objects.order_by("pk")


class PageSitemap(Sitemap):
    def items(self):
        return [
            "events:upcoming",
            "events:archive",
            "events:calendar-help",
            "events:privacy",
            "events:legal",
            "events:contact",
            "events:faq",
        ]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "pages": PageSitemap,
    "series": SeriesSitemap,
    "editions": EditionSitemap,
    "summaries": SummarySitemap,
}
