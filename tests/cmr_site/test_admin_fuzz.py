"""Garbage in the admin's URLs and query strings, from a signed-in superuser: a 4xx or a redirect
at worst, never a 500.

Every ModelAdmin on the site, ours and the third-party ones (auth, axes, the task queue), is
walked: its change list with garbage in each filter's parameters and in o, p, q, _to_field,
_popup; its add page with garbage prefilled in each field; its change, history and delete pages
with a garbage id or query string. Then the admin's own URLs (the attendance list, the Markdown
preview, simple-history's page of one version, the login's `next`, the "view on site" redirect)
and the autocomplete endpoint. Each test walks every admin and fails listing each URL that
answered 500, with the exception and the innermost line of this project's code it went through.

A garbage value is sent once to each code path that reads it, not once per model
(tests/cmr_site/admin_paths.py says which requests are equivalent and why); every model's change
list, add page and object pages still get garbage at least once.
"""

import datetime
import traceback
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.views.main import (
    ALL_VAR,
    IS_FACETS_VAR,
    IS_POPUP_VAR,
    ORDER_VAR,
    PAGE_VAR,
    SEARCH_VAR,
    TO_FIELD_VAR,
)
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from events.models import AgendaItem, Edition
from feedback.models import Survey, SurveyQuestion
from hosting.models import APPLICANT_KINDS, Application, CutOff
from registrations import tasks
from registrations.models import REGISTRANT_KINDS, Announcement, Question, Registration
from tests.cmr_site.admin_paths import (
    Paths,
    field_path,
    filter_path,
    names_a_column,
    prefill_path,
    search_path,
    templates,
    view_path,
)
from tests.factories import CallForHostsFactory

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

LONG = "x" * 10_000
# "²" is a digit to str.isdigit() and not to int(); "٣" is one to both; 30 nines overflow every
# database's integer; "\x00" is sent as %00, "%00" as those three characters.
GARBAGE = ["x", "²", "٣", "9" * 30, "-1", "1.5", "", "\x00", "%00", LONG, "1,2,x"]
BAD_IDS = ["x", "²", "٣", "9" * 30, "-1", "1.5", "\x00"]
# Parameters whose presence counts, not their value, which is only echoed in links.
PRESENCE = {IS_POPUP_VAR, ALL_VAR, IS_FACETS_VAR}
ECHOED = ["\x00", LONG]
MODEL_ADMINS = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)
PROJECT = Path(settings.BASE_DIR).resolve()


@pytest.fixture
def staff(admin_client, archive, monkeypatch):
    """The superuser's client, answering 500s instead of raising, and a row for every filter to offer.

    Change lists show a few rows a page: what is fuzzed is how each page reads its parameters,
    not the drawing of each row, and the archive then fills several pages, whose links echo them.
    """
    for _, model_admin in MODEL_ADMINS:
        monkeypatch.setattr(model_admin, "list_per_page", 3)
    edition = Edition.objects.order_by("pk").first()
    AgendaItem.objects.create(
        edition=edition, day=edition.start_date, start_time=datetime.time(9), title="Opening"
    )
    # Two editions' questions: a filter of related rows offers itself from two choices up.
    for asked in Edition.objects.order_by("pk")[:2]:
        Question.objects.create(edition=asked, label="Your role")
    Registration.objects.create(
        edition=edition,
        name="Ana",
        email="ana@example.org",
        organisation="A cluster",
        country="BE",
        kind=REGISTRANT_KINDS[0],
        status=Registration.Status.APPROVED,
    )
    # Two editions' messages, or the filter by edition has nothing to choose between.
    for written_to in Edition.objects.order_by("pk")[:2]:
        Announcement.objects.create(edition=written_to, subject="Welcome", body="See you there.")
    # Two surveys' questions, for the same reason.
    for surveyed in Edition.objects.order_by("pk")[:2]:
        survey = Survey.objects.create(edition=surveyed, closes_on=surveyed.end_date)
        SurveyQuestion.objects.create(survey=survey, label="What was best?")
    call = CallForHostsFactory(series=edition.series)
    cut_off = CutOff.objects.create(
        call=call, label="First", at=datetime.datetime(2026, 7, 29, tzinfo=datetime.UTC)
    )
    Application.objects.create(
        call=call,
        cut_off=cut_off,
        organisation="Agency",
        kind=APPLICANT_KINDS[0],
        region="Lesser Poland",
        country="PL",
        contact_name="Anna",
        email="anna@example.org",
        proposed_start=datetime.date(2027, 10, 12),
        proposed_end=datetime.date(2027, 10, 13),
        city="Kraków",
        motivation="Meet.",
        partners="Some.",
    )
    seen = {"user_agent": "test", "ip_address": "127.0.0.1", "username": "x", "path_info": "/admin/login/"}
    AccessAttempt.objects.create(**seen, get_data="", post_data="", failures_since_start=1)
    AccessLog.objects.create(**seen)
    AccessFailureLog.objects.create(**seen, locked_out=True)
    tasks.retention.enqueue()
    admin_client.raise_request_exception = False
    return admin_client


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def with_query(url, params):
    return f"{url}?{urlencode(params)}"


def in_path(value):
    return quote(value, safe="")


def where(exc_info):
    """The innermost line of this project's code (its middleware aside) the exception went through."""
    ours = [
        frame
        for frame in traceback.extract_tb(exc_info[2])
        if Path(frame.filename).resolve().is_relative_to(PROJECT)
        and not frame.filename.endswith("middleware.py")
    ]
    if not ours:
        return "only Django's or a library's code"
    return f"{Path(ours[-1].filename).resolve().relative_to(PROJECT)}:{ours[-1].lineno}"


def fault(client, url, method="get", data=None):
    """None, or what a 500 says: the URL, the exception and where it went through this project."""
    response = getattr(client, method)(url, data)
    if response.status_code < 500:
        return None
    shown = url if len(url) <= 200 else f"{url[:150]}… ({len(url):,} characters)"
    what = f"{method.upper()} {shown} -> {response.status_code}"
    if response.exc_info:
        error = response.exc_info[1]
        what += f" {type(error).__name__}: {str(error)[:150]} ({where(response.exc_info)})"
    return what


def assert_no_500(client, urls):
    faults = [found for found in (fault(client, url) for url in urls) if found]
    assert not faults, f"{len(faults)} URLs answered 500:\n" + "\n".join(faults)


def change_list_urls(client, model, model_admin, paths):
    """Each parameter the change list reads, alone, with each garbage value its reader has not had."""
    url = admin_url(model, "changelist")
    cl = client.get(url).context["cl"]
    # A filter without choices is not applied: the fixture gives each one rows to offer.
    assert len(cl.filter_specs) == len(model_admin.list_filter), f"a filter of {url} offers nothing"
    view = (*view_path(url), model_admin.change_list_template, type(cl))
    readers = {
        name: filter_path(model, model_admin, spec, name)
        for spec in cl.filter_specs
        for name in spec.expected_parameters()
    }
    readers |= {
        PAGE_VAR: (PAGE_VAR, model_admin.paginator),
        TO_FIELD_VAR: (type(model_admin).to_field_allowed,),
    }
    if model_admin.search_fields:
        readers[SEARCH_VAR] = search_path(model, model_admin)
    cases = [
        {name: value}
        for name in sorted(readers)
        for value in GARBAGE
        if paths.first(view, readers[name], value)
    ]
    # A value of o that names a column orders by that model's column; any other is skipped
    # by the same lines of ChangeList in every change list.
    cases += [
        {ORDER_VAR: value}
        for value in GARBAGE
        if paths.first(view, ORDER_VAR, value, model if names_a_column(value, cl.list_display) else None)
    ]
    # Their presence changes the page (all rows, a popup's links, the facets' counts), once per
    # model; their values are only echoed in links, the same in every change list.
    cases += [{name: ECHOED[0]} for name in sorted(PRESENCE)]
    cases += [
        {name: value} for name in sorted(PRESENCE) for value in ECHOED[1:] if paths.first(view, name, value)
    ]
    # With facets shown, this site's filters count each of their choices with the garbage applied
    # (Django's own filters refuse garbage before counting).
    ours = [spec for spec in cl.filter_specs if isinstance(spec, admin.SimpleListFilter)]
    cases += [
        {spec.parameter_name: value, IS_FACETS_VAR: ""}
        for spec in ours
        for value in GARBAGE
        if paths.first(view, IS_FACETS_VAR, filter_path(model, model_admin, spec, spec.parameter_name), value)
    ]
    if model_admin.date_hierarchy:
        year, month, day = (f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day"))
        dates = (*view, "date_hierarchy", field_path(model, model_admin.date_hierarchy))
        cases += [{year: value} for value in GARBAGE if paths.first(dates, year, value)]
        cases += [{year: "2024", month: value} for value in GARBAGE if paths.first(dates, month, value)]
        cases += [
            {year: "2024", month: "11", day: value} for value in GARBAGE if paths.first(dates, day, value)
        ]
        # The last year and month a date can have, and the first day.
        cases += [{year: "9999"}, {year: "9999", month: "12"}, {year: "1", month: "1", day: "1"}]
    return [with_query(url, case) for case in cases]


def test_garbage_in_a_change_list_parameter_is_never_a_500(staff):
    paths = Paths()
    urls = [
        url
        for model, model_admin in MODEL_ADMINS
        for url in change_list_urls(staff, model, model_admin, paths)
    ]
    assert_no_500(staff, urls)


def prefillable(model):
    """What an add page's query string prefills: each field, many-to-many ones as "1,2,3"."""
    return [f.name for f in model._meta.get_fields() if (f.concrete or f.many_to_many) and not f.auto_created]


def prefill_faults(client, url, names, value, culprits):
    """The URLs of `names` prefilled with `value` that give a 500, one per field.

    The fields that gave one with another value are tried alone; the others all at once,
    then by halves until each field that fails is found (and added to `culprits`).
    """
    faults = [fault(client, with_query(url, {name: value})) for name in names if name in culprits]

    def halve(names):
        found = fault(client, with_query(url, dict.fromkeys(names, value)))
        if found and len(names) == 1:
            culprits.add(names[0])
            return [found]
        return halve(names[: len(names) // 2]) + halve(names[len(names) // 2 :]) if found else []

    rest = [name for name in names if name not in culprits]
    return [found for found in faults if found] + (halve(rest) if rest else [])


def test_garbage_prefilled_on_an_add_page_is_never_a_500(staff, admin_user):
    """Each model's add page with every field prefilled with the first garbage value; then each
    value in the fields whose kind (model field, form field and widget) has not had it."""
    paths = Paths()
    request = RequestFactory().get("/")
    request.user = admin_user
    faults = []
    for model, model_admin in MODEL_ADMINS:
        url = admin_url(model, "add")
        form = model_admin.get_form(request)
        culprits = set()
        for value in GARBAGE:
            names = [
                name
                for name in prefillable(model)
                if paths.first(*view_path(url), prefill_path(model, model_admin, form, name), value)
                or value == GARBAGE[0]
            ]
            if names:
                faults += prefill_faults(staff, url, names, value, culprits)
    assert not faults, f"{len(faults)} URLs answered 500:\n" + "\n".join(faults)


def object_urls(model, model_admin, bad):
    base = admin_url(model, "changelist")
    urls = [f"{base}{bad}/", f"{base}{bad}/change/", f"{base}{bad}/history/", f"{base}{bad}/delete/"]
    if isinstance(model_admin, SimpleHistoryAdmin):
        # simple-history's page of one version: /<id>/history/<version id>/.
        existing = model._default_manager.order_by("pk").values_list("pk", flat=True).first() or 1
        urls += [f"{base}{bad}/history/1/", f"{base}{existing}/history/{bad}/"]
    if model._meta.label == "auth.User":
        urls.append(f"{base}{bad}/password/")
    return urls


def test_a_garbage_id_in_an_object_page_is_never_a_500(staff):
    """An id the primary key refuses takes the same lines of each view for every model whose admin
    looks objects up alike; an id it accepts ("-1", "٣") looks up that model's rows."""
    paths = Paths()
    urls = []
    for model, model_admin in MODEL_ADMINS:
        pk = model._meta.pk
        lookup = (type(model_admin).get_object, type(model_admin).get_queryset, type(pk))
        for bad in BAD_IDS:
            try:
                pk.to_python(bad)
                reader = model
            except (ValidationError, ValueError):
                reader = lookup
            urls += [
                url
                for url in object_urls(model, model_admin, in_path(bad))
                if paths.first(*view_path(url), reader, bad) or bad == BAD_IDS[0]
            ]
    assert_no_500(staff, urls)


def test_garbage_in_an_object_pages_query_string_is_never_a_500(staff):
    """Each page of each model with the first echoed value; the other values once per view (its
    code and template) and reader of _to_field."""
    paths = Paths()
    urls = []
    for model, model_admin in MODEL_ADMINS:
        existing = model._default_manager.order_by("pk").values_list("pk", flat=True).first() or 1
        pages = [
            admin_url(model, "add"),
            *(admin_url(model, view, existing) for view in ["change", "history", "delete"]),
        ]
        for page in pages:
            view = (*view_path(page), templates(model_admin))
            urls += [
                with_query(page, {TO_FIELD_VAR: value})
                for value in GARBAGE
                if paths.first(view, type(model_admin).to_field_allowed, value)
            ]
            # Only echoed in links and forms (and read back as a query string after a save).
            urls += [
                with_query(page, {IS_POPUP_VAR: value, "_changelist_filters": value})
                for value in [*ECHOED, "%00&=&edition__id__exact=²&o=x"]
                if paths.first(view, IS_POPUP_VAR, value) or value == ECHOED[0]
            ]
    assert_no_500(staff, urls)


def test_garbage_in_the_admins_own_urls_is_never_a_500(staff):
    attendance = reverse("admin:registrations_attendance", args=[1]).removesuffix("1/")
    edition_type = ContentType.objects.get_for_model(Edition).pk
    urls = [
        *(f"{attendance}{in_path(bad)}/" for bad in BAD_IDS),
        # A message to registrants' preview, and the e-mail in its frame.
        *(f"/admin/registrations/announcement/{in_path(bad)}/preview/" for bad in BAD_IDS),
        *(f"/admin/registrations/announcement/{in_path(bad)}/preview/email/" for bad in BAD_IDS),
        # A feedback survey's results, and their CSV.
        *(f"/admin/feedback/survey/{in_path(bad)}/results/" for bad in BAD_IDS),
        *(f"/admin/feedback/survey/{in_path(bad)}/results.csv" for bad in BAD_IDS),
        # "View on site": /admin/r/<content type>/<id>/.
        *(f"/admin/r/{edition_type}/{in_path(bad)}/" for bad in BAD_IDS),
        *(f"/admin/r/{in_path(bad)}/1/" for bad in BAD_IDS),
        *(f"/admin/{in_path(bad)}/" for bad in BAD_IDS),
        *(f"/admin/events/{in_path(bad)}/" for bad in BAD_IDS),
        *(with_query("/admin/", {name: value}) for name in ["next", PAGE_VAR] for value in GARBAGE),
        # The login's `next`, which cmr_site/admin_site.py resolves to drop a page that is not there.
        *(
            with_query("/admin/login/", {"next": value})
            for value in [*GARBAGE, "http://[", "//[x", "https://[::1", "/\x00/", "http://example.org:x/"]
        ),
    ]
    assert_no_500(staff, urls)


def test_garbage_sent_to_the_markdown_preview_is_never_a_500(staff):
    preview = reverse("admin:markdown-preview")
    texts = [*GARBAGE, "# T\x00\n\n[a](javascript:x)", "<" * 10_000, "*" * 10_000, "[" * 5_000, "> " * 5_000]
    faults = [fault(staff, preview), *(fault(staff, preview, "post", {"text": text}) for text in texts)]
    faults += [fault(staff, with_query(preview, {"text": text}), "post", {}) for text in GARBAGE]
    faults = [found for found in faults if found]
    assert not faults, f"{len(faults)} requests answered 500:\n" + "\n".join(faults)


def autocomplete_fields():
    """(app_label, model_name, field_name) of each autocomplete field, inlines' included."""
    found = []
    for model, model_admin in MODEL_ADMINS:
        for owner in [model_admin, *(inline(model, admin.site) for inline in model_admin.inlines)]:
            opts = owner.model._meta
            found += [(opts.app_label, opts.model_name, name) for name in owner.autocomplete_fields]
    return found


def test_garbage_in_an_autocomplete_search_is_never_a_500(staff):
    fields = autocomplete_fields()
    assert len(fields) >= 6, fields
    urls = []
    for app_label, model_name, field_name in fields:
        params = {"app_label": app_label, "model_name": model_name, "field_name": field_name}
        for name in ["term", "page", *params]:
            urls += [with_query("/admin/autocomplete/", {**params, name: value}) for value in GARBAGE]
    assert_no_500(staff, urls)
