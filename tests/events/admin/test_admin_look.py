"""The admin's words: country filters with only the countries in use, fields that say their zone
and what empty means, date and time boxes with a name each, counts in the singular for one."""

import pytest
from django.urls import reverse

from hosting.models import Application
from registrations import flow
from registrations.admin.editions import edition_counts
from tests.factories import ApplicationFactory, CallForHostsFactory
from tests.registrations_helpers import on_site_edition

pytestmark = pytest.mark.django_db


def _country_filter(page):
    """The links of the "By country" filter, from its heading to the next."""
    section = page.split("By country", 1)[1].split("</ul>", 1)[0]
    return [line.split(">")[-1] for line in section.split("</a>")[:-1]]


def test_the_registrations_country_filter_lists_only_the_countries_registrants_come_from(admin_client):
    edition = on_site_edition()
    for name, country in [("Ana", "PL"), ("Ben", "BE"), ("Cleo", "PL")]:
        flow.create(
            edition, name=name, email=f"{name}@example.org", organisation="O", country=country, kind="cluster"
        )
    page = admin_client.get(reverse("admin:registrations_registration_changelist")).content.decode()
    assert _country_filter(page) == ["All", "Belgium", "Poland"]
    poles = admin_client.get(reverse("admin:registrations_registration_changelist") + "?country=PL")
    assert poles.context["cl"].result_count == 2


def test_the_applications_country_filter_lists_only_the_countries_applicants_come_from(admin_client):
    ApplicationFactory(country="PL")
    ApplicationFactory(country="FR", call=Application.objects.get().call)
    page = admin_client.get(reverse("admin:hosting_application_changelist")).content.decode()
    assert _country_filter(page) == ["All", "France", "Poland"]


def test_the_registration_dates_say_their_zone_and_apply_url_says_what_empty_means(admin_client):
    edition = on_site_edition()
    form = (
        admin_client.get(reverse("admin:events_edition_change", args=[edition.pk])).context["adminform"].form
    )
    assert "In Europe/Brussels time" in form.fields["registration_deadline"].help_text
    assert "In Europe/Brussels time" in form.fields["registration_opens_at"].help_text
    # Its date and time boxes each named, for a screen reader (the one <label> names the first).
    boxes = form.fields["registration_deadline"].widget.widgets
    names = [box.attrs["aria-label"] for box in boxes]
    assert names == ["Registration deadline: date", "Registration deadline: time"]
    call = CallForHostsFactory()
    form = (
        admin_client.get(reverse("admin:events_callforhosts_change", args=[call.pk]))
        .context["adminform"]
        .form
    )
    assert "Leave empty and applications come to this site" in form.fields["apply_url"].help_text
    assert "In Europe/Brussels time" in form.fields["deadline"].help_text


def test_the_registration_counts_are_singular_for_one(eu_group):
    edition = on_site_edition(registration_places=2)
    registration = flow.create(edition, name="Ana", email="ana@example.org", organisation="O", country="BE",
                               kind="cluster")  # fmt: skip
    flow.confirm(registration.pk)
    counts = str(edition_counts(edition))
    assert counts.startswith("1 request (confirmed), ") and "1 place left." in counts
