"""The queryset vocabulary of editions: what is public, what is current, what each page prefetches."""

from django.contrib.postgres.search import SearchQuery
from django.db import connections, models
from django.db.models.functions import Coalesce, StrIndex
from django.db.models.lookups import GreaterThan
from django.utils.timezone import now as utc_now

from common.text import words

from ..roles import is_organiser
from .choices import EditionStatus
from .programme import AgendaItem, EditionHost, EditionSpeaker, Partnership
from .summaries import Recording


class EditionQuerySet(models.QuerySet):
    """The public vocabulary: every view, feed, sitemap, calendar and export starts here.

    published() and visible_to() decide what is public; upcoming(), past() and
    going_ahead() what is current; the for_*() methods what each kind of page
    prefetches, so that none of them queries once per row.
    """

    def published(self):
        # Postponed and cancelled editions stay public, with a banner: people
        # who saw the announcement must be able to learn what happened to it.
        return self.exclude(status=EditionStatus.DRAFT)

    def visible_to(self, user):
        """Public editions, and the drafts a signed-in user manages, at their public URL, as a preview."""
        if not user.is_staff:
            return self.published()
        return self.published() | self.managed_by(user)

    def managed_by(self, user):
        """The editions a user runs: every one for an organiser, their own for a host team member."""
        if is_organiser(user):
            return self.all()
        if not (user.is_authenticated and user.is_active and user.is_staff):
            return self.none()
        # A subquery, not a join: a join repeats an edition once per team member when or-ed.
        teams = self.model.team.through.objects.filter(user=user)
        return self.filter(pk__in=teams.values("edition_id"))

    def upcoming(self, now=None):
        return self.filter(ends_at__gt=now or utc_now()).order_by("start_date", "start_time", "title")

    def past(self, now=None):
        return self.filter(ends_at__lte=now or utc_now()).order_by("-start_date", "-end_date", "title")

    def going_ahead(self):
        """Editions expected to take place on their dates: neither postponed nor cancelled."""
        return self.filter(status=EditionStatus.PUBLISHED)

    def next_in(self, series_id, now=None):
        """The next edition of a series that is going ahead: what "the next edition" means everywhere."""
        return self.published().going_ahead().upcoming(now).filter(series_id=series_id).first()

    def hosted(self):
        """Editions a place hosted: public, not cancelled, in a city or region (an online talk: nowhere)."""
        return self.published().exclude(status=EditionStatus.CANCELLED).exclude(city="", region="")

    def alongside(self, edition):
        """The other editions of the same year or country, by date: where a short page leads on."""
        same = models.Q(start_date__year=edition.start_date.year)
        if edition.country:
            same |= models.Q(country=edition.country)
        return self.filter(same).exclude(pk=edition.pk).order_by("start_date", "title")

    def of_main_series(self):
        """The main series' editions (the one the site is about); every edition when no series is main."""
        main = self.model._meta.get_field("series").related_model.objects.filter(is_main=True)
        return self.filter(models.Q(series__is_main=True) | ~models.Exists(main))

    def figures(self):
        """The series in figures, in one query: how many editions, host countries, since when."""
        return self.order_by().aggregate(
            editions=models.Count("pk"),
            countries=models.Count("country", distinct=True, filter=~models.Q(country="")),
            first_year=models.Min("start_date__year"),
        )

    def in_figures(self):
        """A series in figures, in one query: editions, host countries, and from the summaries'
        shown figures (the organisers' where typed, else the site's, as Summary decides) the
        participants, at how many editions they were counted, and the most countries represented
        at one edition (each edition counts its own: the same country at two is not two)."""
        participants = Coalesce("summary__participants", "summary__site_participants")
        return self.order_by().aggregate(
            editions=models.Count("pk"),
            host_countries=models.Count("country", distinct=True, filter=~models.Q(country="")),
            participants=models.Sum(participants),
            counted=models.Count("pk", filter=GreaterThan(participants, 0)),
            countries=models.Max(Coalesce("summary__countries", "summary__site_countries")),
        )

    def search(self, query):
        """Editions whose search text holds every word of `query`, accent- and case-blind.

        Ranked: editions with more of the words in their title or place (the
        first line of Edition.search_text()) come first, then the newest. On
        PostgreSQL the match is full-text, each word a prefix of a word of the
        text, on the GIN-indexed search_vector; on SQLite each word is a LIKE
        term on the same folded text.
        """
        terms = words(query)
        if not terms:
            return self
        if connections[self.db].vendor == "postgresql":
            # Each term is \w+ only (text.words), so it cannot break the raw tsquery syntax.
            raw = " & ".join(f"'{term}':*" for term in terms)
            found = self.filter(search_vector=SearchQuery(raw, search_type="raw", config="simple"))
        else:
            found = self.filter(*[models.Q(search_document__contains=term) for term in terms])
        heading_end = StrIndex("search_document", models.Value("\n"))
        in_heading = sum(
            models.Case(
                models.When(
                    GreaterThan(heading_end, StrIndex("search_document", models.Value(term))), then=1
                ),
                default=0,
            )
            for term in terms
        )
        return found.annotate(heading_matches=in_heading).order_by("-heading_matches", "-start_date", "title")

    def for_listing(self):
        """What lists of editions show: one query per relation, never per row.

        `summary_has_recordings` lets Edition.summary_on_site answer without a
        query per row.
        """
        return (
            self.select_related("series", "summary")
            .prefetch_related(
                "themes",
                models.Prefetch("edition_hosts", queryset=EditionHost.objects.select_related("host")),
            )
            .annotate(
                summary_has_recordings=models.Exists(
                    Recording.objects.filter(summary__edition=models.OuterRef("pk"))
                )
            )
        )

    def for_page(self):
        """Everything the edition page shows."""
        return self.for_listing().prefetch_related(
            models.Prefetch("partnerships", queryset=Partnership.objects.select_related("partner")),
            models.Prefetch("edition_speakers", queryset=EditionSpeaker.objects.select_related("speaker")),
            models.Prefetch("agenda_items", queryset=AgendaItem.objects.prefetch_related("speakers")),
        )

    def for_calendar(self):
        """What a calendar event carries: the series and themes as categories."""
        return self.select_related("series").prefetch_related("themes")

    def for_open_data(self):
        """The fields of /editions.json and .csv: no agenda, no speakers."""
        return (
            self.for_listing()
            .prefetch_related(
                models.Prefetch("partnerships", queryset=Partnership.objects.select_related("partner")),
                "summary__recordings",
            )
            .order_by("start_date", "slug")
        )
