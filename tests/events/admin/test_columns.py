"""The admin as organisers read it: the edition list, its filters, dates the European way, the form."""

import datetime

import pytest
from django import forms
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from events.admin.columns import short_date_range
from events.admin.widgets import MarkdownPreviewWidget
from events.models import Edition, Theme
from events.models.fields import MarkdownField
from tests.factories import EditionFactory, SummaryFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:events_edition_changelist"


def test_the_country_filter_lists_exactly_the_countries_editions_are_in(admin_client):
    for country in ["PL", "BE", "IT", "BE", "AT"]:
        EditionFactory(country=country)
    EditionFactory(country="", format=Edition.Format.ONLINE)

    response = admin_client.get(reverse(CHANGELIST))

    country_filter = next(f for f in response.context["cl"].filter_specs if f.title == "country")
    assert country_filter.lookup_choices == [
        ("AT", "Austria"),
        ("BE", "Belgium"),
        ("IT", "Italy"),
        ("PL", "Poland"),
    ]


def test_the_country_filter_shows_only_the_editions_in_that_country(admin_client):
    milan = EditionFactory(country="IT", city="Milan")
    EditionFactory(country="BE")

    response = admin_client.get(reverse(CHANGELIST) + "?country=IT")

    assert list(response.context["cl"].result_list) == [milan]


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        (datetime.date(2024, 11, 27), datetime.date(2024, 11, 27), "27 Nov 2024"),
        (datetime.date(2024, 3, 26), datetime.date(2024, 3, 27), "26–27 Mar 2024"),
        (datetime.date(2024, 11, 30), datetime.date(2024, 12, 1), "30 Nov – 1 Dec 2024"),
        (datetime.date(2024, 12, 30), datetime.date(2025, 1, 2), "30 Dec 2024 – 2 Jan 2025"),
    ],
)
def test_an_edition_s_dates_read_as_one_short_range(start, end, text):
    assert short_date_range(start, end) == text


def test_the_edition_list_shows_dates_place_and_status_as_organisers_read_them(admin_client):
    EditionFactory(
        title="Milan",
        city="Milan",
        region="Lombardy",
        country="IT",
        start_date=datetime.date(2024, 3, 26),
        end_date=datetime.date(2024, 3, 27),
        status=Edition.Status.POSTPONED,
    )

    html = admin_client.get(reverse(CHANGELIST)).content.decode()

    assert '<td class="field-dates">26–27 Mar 2024</td>' in html
    assert '<td class="field-place">Milan, Lombardy, Italy</td>' in html
    assert '<span class="status-badge status-postponed">Postponed</span>' in html


def test_admin_lists_and_read_only_fields_show_dates_the_european_way(admin_client):
    summary = SummaryFactory(edition=EditionFactory(start_date=datetime.date(2024, 11, 27)))
    edition = summary.edition

    summaries = admin_client.get(reverse("admin:events_summary_changelist")).content.decode()
    history = admin_client.get(reverse("admin:events_edition_history", args=[edition.pk])).content.decode()
    form = admin_client.get(reverse("admin:events_edition_change", args=[edition.pk])).content.decode()

    assert '<td class="field-edition_start_date nowrap">27 Nov 2024</td>' in summaries
    # Read-only time stamps: day, short month, year and the 24-hour clock.
    created = timezone.localtime(edition.created_at)
    assert f"{created.day} {created:%b %Y, %H:%M}" in form
    assert "a.m." not in history + form and "p.m." not in history + form
    # The date fields are written day first, as the admin's calendar writes them.
    assert 'name="start_date" value="27/11/2024"' in form


@pytest.mark.parametrize("typed", ["27/11/2024", "27.11.2024", "2024-11-27", "27 Nov 2024"])
def test_the_admin_date_fields_take_a_date_written_the_ways_europeans_write_it(typed):
    assert forms.DateField().clean(typed) == datetime.date(2024, 11, 27)


def test_the_slug_help_text_shows_the_address_literally(admin_client):
    html = admin_client.get(reverse("admin:events_edition_add")).content.decode()

    assert "The edition&#x27;s address: /editions/&lt;slug&gt;/" in html


def test_themes_are_ticked_in_columns_not_picked_from_a_multi_select(admin_client):
    Theme.objects.create(name="Circular economy", slug="circular-economy")
    Theme.objects.create(name="Digital transition", slug="digital-transition")

    response = admin_client.get(reverse("admin:events_edition_add"))
    html = response.content.decode()

    widget = response.context["adminform"].form.fields["themes"].widget.widget
    assert isinstance(widget, forms.CheckboxSelectMultiple)
    assert '<div id="id_themes" class="checkbox-columns">' in html
    assert 'type="checkbox" name="themes"' in html
    assert "selectfilter" not in html.lower()


def test_every_markdown_field_in_the_admin_has_the_live_preview():
    request = RequestFactory().get("/")
    request.user = User(is_superuser=True, is_staff=True)
    markdown_fields = []
    for model, model_admin in admin.site._registry.items():
        for field in model._meta.get_fields():
            if isinstance(field, MarkdownField):
                formfield = model_admin.formfield_for_dbfield(field, request)
                assert isinstance(formfield.widget, MarkdownPreviewWidget), (model, field.name)
                markdown_fields.append(f"{model._meta.model_name}.{field.name}")
    assert {"edition.description", "summary.body", "callforhosts.text", "sitepage.body"} <= set(
        markdown_fields
    )
    assert "hostingpage.body" in markdown_fields
