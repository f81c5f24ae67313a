from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html

from .models import Edition, EditionStatus

# What a reader must see in the title: the edition will not happen as announced.
TITLE_NOTES = {EditionStatus.CANCELLED: " (cancelled)", EditionStatus.POSTPONED: " (postponed)"}


class EditionsFeed(Feed):
    """Every public edition, newest first, as Atom."""

    feed_type = Atom1Feed
    title = "Clusters meet Regions: editions"
    subtitle = "Workshops of the European Cluster Collaboration Platform, each in a different host region."
    # The pages' own language (base.html), not LANGUAGE_CODE, which is en-gb for the admin's dates.
    language = "en"
    # A feed reader wants recent news, not the whole archive.
    limit = 50

    # Absolute on SITE_URL, never on the request's Host header.
    def link(self):
        return settings.SITE_URL + "/editions/"

    def item_link(self, item):
        return settings.SITE_URL + item.get_absolute_url()

    def items(self):
        return Edition.objects.published().for_calendar().order_by("-start_date", "-pk")[: self.limit]

    def item_title(self, item):
        return f"{item.title}{TITLE_NOTES.get(item.status, '')}"

    def item_description(self, item):
        # Sanitised HTML: the same Markdown rendering as the page.
        when = format_html("<p>{}, {}</p>", f"{item.start_date:%d %B %Y}", item.place)
        return when + (format_html("<p>{}</p>", item.teaser) if item.teaser else item.description_html)

    def item_guid(self, item):
        return f"urn:uuid:{item.uid}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.series.name]

    def feed_url(self):
        return settings.SITE_URL + "/feeds/editions/"
