import datetime
import os
import subprocess
import sys

import pytest
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

from events.models import AgendaItem, Edition, Partnership, Summary
from tests.adminforms import form_data
from tests.factories import EditionFactory, HostFactory, PartnerFactory, SpeakerFactory, SummaryFactory

pytestmark = pytest.mark.django_db

EVENTS_MODELS = [model for model in admin.site._registry if model._meta.app_label == "events"]


def admin_url(model, view, *args):
    return reverse(f"admin:events_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def organiser(client):
    os.environ["ORGANISER_PASSWORD"] = "a-long-organiser-passphrase"
    try:
        call_command("create_organiser", "olga", "--email", "olga@example.org", "--no-input", verbosity=0)
    finally:
        del os.environ["ORGANISER_PASSWORD"]
    user = User.objects.get(username="olga")
    client.force_login(user)
    return user


def test_every_admin_list_add_change_and_history_page_renders_with_the_archive(admin_client, archive):
    SummaryFactory(edition=EditionFactory(slug="with-summary"), body="Notes")
    for model in EVENTS_MODELS:
        assert admin_client.get(admin_url(model, "changelist")).status_code == 200, model
        assert admin_client.get(admin_url(model, "add")).status_code == 200, model
        for obj in model.objects.all()[:3]:
            assert admin_client.get(admin_url(model, "change", obj.pk)).status_code == 200, obj
            assert admin_client.get(admin_url(model, "history", obj.pk)).status_code == 200, obj


def test_the_admin_index_names_third_party_apps_for_what_they_are_to_organisers(admin_client):
    html = admin_client.get(reverse("admin:index")).content.decode()
    assert "Sign-in attempts and lock-outs" in html and "E-mail and task queue" in html
    assert "Tasks Database Backend" not in html and ">Axes<" not in html


def test_edition_list_filters_by_series_year_country_status_and_format(admin_client, archive):
    url = admin_url(Edition, "changelist")
    for query, expected in [
        ("year=2024", {"charleroi-2024", "eu-clusters-talk-meta-cluster-2024"}),
        ("country=BE&status__exact=published", {"charleroi-2024"}),
        ("format__exact=online", {"eu-clusters-talk-meta-cluster-2024"}),
    ]:
        response = admin_client.get(f"{url}?{query}")
        assert {e.slug for e in response.context["cl"].result_list} >= expected, query
    year_2024 = admin_client.get(f"{url}?year=2024").context["cl"].result_list
    assert all(e.start_date.year == 2024 for e in year_2024)
    # Not a year: the filter is ignored, as Django's own filters ignore values they do not offer.
    response = admin_client.get(url, {"year": "garbage"})
    assert response.status_code == 200 and response.context["cl"].result_count == Edition.objects.count()


# "²" is a digit to str.isdigit() and not to int(); 30 nines overflow every database's integer.
@pytest.mark.parametrize("garbage", ["garbage", "²", "9" * 30, "-1"])
@pytest.mark.parametrize(
    "page, parameter",
    [
        ("admin:events_edition_changelist", "year"),
        ("admin:events_agendaitem_changelist", "edition__id__exact"),
        ("admin:events_agendaitem_add", "_changelist_filters"),
        ("admin:events_agendaitem_add", "edition"),
        ("admin:events_agendaitem_add", "speakers"),
        ("admin:events_summary_add", "edition"),
        ("admin:registrations_registration_changelist", "edition__id__exact"),
    ],
)
def test_garbage_in_an_admin_filter_is_ignored_or_refused_never_a_500(
    admin_client, archive, page, parameter, garbage
):
    # With the archive, every filter has choices to offer (a filter without any is not applied).
    value = f"edition__id__exact={garbage}" if parameter == "_changelist_filters" else garbage
    response = admin_client.get(reverse(page), {parameter: value})
    # 200, or the admin's own redirect to "?e=1" for a value its field filters cannot use.
    assert response.status_code in (200, 302), response.status_code


def test_the_summary_is_one_click_from_its_edition(admin_client):
    with_summary = SummaryFactory().edition
    without = EditionFactory()
    page = admin_client.get(admin_url(Edition, "change", with_summary.pk)).content.decode()
    assert admin_url(Summary, "change", with_summary.summary.pk) in page
    page = admin_client.get(admin_url(Edition, "change", without.pk)).content.decode()
    add_link = admin_url(Summary, "add") + f"?edition={without.pk}"
    assert add_link in page
    assert admin_client.get(add_link).context["adminform"].form.initial["edition"] == str(without.pk)


def test_the_list_links_each_edition_to_its_public_page(admin_client):
    edition = EditionFactory()
    page = admin_client.get(admin_url(Edition, "change", edition.pk)).content.decode()
    assert "View on site" in page


def run_action(client, action, editions):
    return client.post(
        admin_url(Edition, "changelist"),
        {"action": action, "_selected_action": [e.pk for e in editions]},
    )


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("publish", Edition.Status.PUBLISHED),
        ("unpublish", Edition.Status.DRAFT),
        ("mark_cancelled", Edition.Status.CANCELLED),
        ("mark_postponed", Edition.Status.POSTPONED),
    ],
)
def test_status_actions_change_each_edition_through_save(admin_client, action, status):
    start = Edition.Status.DRAFT if status != Edition.Status.DRAFT else Edition.Status.PUBLISHED
    editions = EditionFactory.create_batch(2, status=start)
    response = run_action(admin_client, action, editions)
    assert response.status_code == 302
    for edition in editions:
        edition.refresh_from_db()
        assert edition.status == status
        # save() ran: calendars are told, the history and the admin log know.
        assert edition.sequence == 1
        assert edition.history.count() == 2
        assert LogEntry.objects.filter(object_id=str(edition.pk)).exists()


def test_publishing_makes_a_draft_public_and_unpublishing_hides_it_again(client, admin_client):
    draft = EditionFactory(status=Edition.Status.DRAFT, start_date=datetime.date.today())
    assert client.get(draft.get_absolute_url()).status_code == 404
    run_action(admin_client, "publish", [draft])
    assert client.get(draft.get_absolute_url()).status_code == 200
    assert draft.title in client.get("/calendar.ics").content.decode()
    run_action(admin_client, "unpublish", [draft])
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_duplicate_copies_an_edition_as_a_draft_without_its_summary(admin_client):
    original = EditionFactory(title="Clusters meet Regions: Kraków", slug="krakow")
    original.edition_hosts.create(host=HostFactory())
    Partnership.objects.create(edition=original, partner=PartnerFactory(), role="organiser")
    speaker = SpeakerFactory()
    original.edition_speakers.create(speaker=speaker)
    item = AgendaItem.objects.create(
        edition=original, day=original.start_date, start_time=datetime.time(9), title="Welcome"
    )
    item.speakers.add(speaker)
    SummaryFactory(edition=original)

    response = run_action(admin_client, "duplicate", [original])

    copy = Edition.objects.get(slug="krakow-copy")
    assert response.status_code == 302 and response["Location"] == admin_url(Edition, "change", copy.pk)
    assert copy.status == Edition.Status.DRAFT and copy.title == "Clusters meet Regions: Kraków (copy)"
    assert copy.uid != original.uid and copy.sequence == 0 and not copy.has_summary
    assert copy.edition_hosts.count() == copy.partnerships.count() == copy.edition_speakers.count() == 1
    copied_item = copy.agenda_items.get()
    assert copied_item.uid != item.uid and list(copied_item.speakers.all()) == [speaker]
    # The original is untouched, and a second copy takes the next free slug.
    assert original.agenda_items.count() == 1 and Edition.objects.get(pk=original.pk).has_summary
    run_action(admin_client, "duplicate", [original])
    assert Edition.objects.filter(slug="krakow-copy-2").exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"end_date": "2024-11-26"}, "end_date", "cannot be before the start date"),
        (
            {"end_date": "2024-11-27", "start_time": "14:00", "end_time": "10:00"},
            "end_time",
            "must be after the start time",
        ),
        (
            {"registration_deadline_0": "2024-12-24", "registration_deadline_1": "10:00"},
            "registration_deadline",
            "cannot close after the event",
        ),
        ({"slug": "taken"}, "slug", "already exists"),
        ({"slug": "not a slug!"}, "slug", "Enter a valid"),
        ({"registration_url": "javascript:alert(1)"}, "registration_url", "Enter a valid URL"),
        ({"contact_email": "someone@"}, "contact_email", "Enter a valid email"),
        ({"contact_phone": "call me maybe"}, "contact_phone", "phone number"),
        ({"contact_phone": "+32 12"}, "contact_phone", "phone number"),
        ({"timezone": "Mars/Olympus"}, "timezone", ""),
        ({"latitude": "91"}, "latitude", ""),
    ],
)
def test_bad_edition_input_is_a_form_error_not_a_500(admin_client, changes, field, message):
    EditionFactory(slug="taken")
    edition = EditionFactory(start_date=datetime.date(2024, 11, 27), end_date=datetime.date(2024, 11, 28))
    url = admin_url(Edition, "change", edition.pk)
    data = form_data(admin_client.get(url))
    data.update(changes)
    response = admin_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert field in errors and message in " ".join(errors[field])
    assert Edition.objects.get(pk=edition.pk).slug == edition.slug


def test_a_good_phone_number_is_accepted(admin_client):
    edition = EditionFactory()
    url = admin_url(Edition, "change", edition.pk)
    data = form_data(admin_client.get(url))
    data["contact_phone"] = "+32 (0)2 123 45 67"
    assert admin_client.post(url, data).status_code == 302


def test_an_edit_is_in_the_history_with_who_and_what(admin_client):
    edition = EditionFactory(title="Before")
    url = admin_url(Edition, "change", edition.pk)
    data = form_data(admin_client.get(url))
    data.update(title="After", **{"edition_hosts-TOTAL_FORMS": 1, "edition_hosts-0-role": "lead"})
    data["edition_hosts-0-host"] = HostFactory(name="Charleroi Métropole").pk
    data["edition_hosts-0-order"] = 0
    assert admin_client.post(url, data).status_code == 302
    latest = edition.history.first()
    assert latest.history_user.username == "admin" and latest.title == "After"
    assert latest.diff_against(latest.prev_record).changed_fields == ["title"]
    page = admin_client.get(admin_url(Edition, "history", edition.pk)).content.decode()
    assert "Before" in page and "After" in page and "admin" in page
    assert "Added host" in page and "Charleroi Métropole" in page


def test_the_organiser_can_do_the_job_and_nothing_more(client, organiser):
    edition = EditionFactory()
    assert client.get(admin_url(Edition, "change", edition.pk)).status_code == 200
    assert client.get(admin_url(Edition, "history", edition.pk)).status_code == 200
    data = form_data(client.get(admin_url(Edition, "change", edition.pk)))
    data["title"] = "Edited by an organiser"
    assert client.post(admin_url(Edition, "change", edition.pk), data).status_code == 302
    assert Edition.objects.get(pk=edition.pk).title == "Edited by an organiser"
    for forbidden in ("/admin/auth/user/", "/admin/auth/group/", "/admin/auth/user/add/"):
        assert client.get(forbidden).status_code == 403, forbidden
    assert client.get("/admin/axes/accessattempt/").status_code == 403
    index = client.get("/admin/").content.decode()
    assert "Editions" in index and "Users" not in index


def test_repeated_failed_logins_lock_the_account_out(client, settings, organiser):
    client.logout()
    url = "/admin/login/?next=/admin/"
    for _ in range(settings.LOCKOUT_USERNAME_LIMIT - 1):
        response = client.post(url, {"username": "olga", "password": "wrong"})
        assert response.status_code == 200 and "Please enter the correct" in response.content.decode()
    locked = client.post(url, {"username": "olga", "password": "wrong"})
    assert locked.status_code == 429
    assert "Too many failed sign-in attempts" in locked.content.decode()
    # Even the right password is refused until the cool-off ends.
    right = client.post(url, {"username": "olga", "password": "a-long-organiser-passphrase"})
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_admin_prefix_comes_from_the_environment():
    env = {
        **os.environ,
        "ADMIN_URL": "/organisers-desk/",
        "DJANGO_SETTINGS_MODULE": "cmr_site.settings",
    }
    code = "import django; django.setup(); from django.urls import reverse; print(reverse('admin:index'))"
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "/organisers-desk/"


@pytest.mark.parametrize(
    "url",
    [
        # simple-history's page of one version, with a version id that is not a number.
        "/admin/events/edition/{pk}/history/x/",
        # Django's date drill-down, with a year no date has.
        "/admin/events/edition/?start_date__year=9999&start_date__month=12",
        # An action on a selection that is not an id.
        "/admin/events/edition/?e=action",
    ],
)
def test_a_value_djangos_admin_cannot_use_answers_400_with_a_page_that_says_so(admin_client, url):
    edition = EditionFactory()
    if url.endswith("?e=action"):
        response = admin_client.post(
            admin_url(Edition, "changelist"), {"action": "publish", "_selected_action": ["x"]}
        )
    else:
        response = admin_client.get(url.format(pk=edition.pk))
    assert response.status_code == 400
    assert "holds a value the admin cannot use" in response.content.decode()


def test_the_admin_ignores_what_it_cannot_use_in_a_prefilled_form(admin_client):
    # A notice that does not exist: the form starts on the first notice still missing.
    response = admin_client.get(reverse("admin:events_sitepage_add"), {"kind": "x"})
    assert response.status_code == 200 and response.context["adminform"].form.initial["kind"] == "privacy"
    # A date-time as text: read as the form reads it, or dropped.
    url = reverse("admin:events_callforhosts_add")
    good = admin_client.get(url, {"deadline": "2027-01-22 14:36"}).context["adminform"].form.initial
    assert good["deadline"].isoformat().startswith("2027-01-22T14:36")
    bad = admin_client.get(url, {"deadline": "x"})
    assert bad.status_code == 200 and "deadline" not in bad.context["adminform"].form.initial


def test_a_next_that_is_not_an_address_is_ignored_by_the_login(client):
    response = client.get("/admin/login/", {"next": "http://["})
    assert response.status_code == 200 and "http://[" not in response.content.decode()
