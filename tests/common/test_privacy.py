"""A person's data (registrations, applications to host, alert subscriptions) is theirs: no admin
shortcut leads to their signed page, a link opens only its own row, and neither the admin's
history nor the logs keep their name, address or links once they are gone."""

import datetime
import json
import logging
import os
import re
import time
from pathlib import Path

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from alerts.models import Subscription
from cmr_site.logformat import RedactingJsonFormatter, redact
from hosting.management.commands import hosting_retention
from hosting.models import Application
from registrations.management.commands.registrations_retention import anonymise
from registrations.models import Message, Registration
from tests.factories import CallForHostsFactory, EditionFactory
from tests.registrations_helpers import link, on_site_edition, run_worker

# Transactional: the worker (db_worker) closes the connection when its batch is done.
pytestmark = pytest.mark.django_db(transaction=True)

ADDRESS = "ana.private@example.org"


def registration(edition=None, **fields):
    values = {"name": "Ana Private", "email": ADDRESS, "organisation": "A cluster", "country": "BE"}
    values |= {"kind": "cluster", **fields}
    return Registration.objects.create(edition=edition or on_site_edition(), **values)


def application(**fields):
    values = {
        "call": CallForHostsFactory(),
        "organisation": "A region",
        "kind": "authority",
        "region": "Flanders",
        "country": "BE",
        "contact_name": "Ana Private",
        "email": ADDRESS,
        "proposed_start": datetime.date(2031, 5, 1),
        "proposed_end": datetime.date(2031, 5, 2),
        "city": "Ghent",
        "motivation": "We host well.",
        "partners": "Everyone.",
    }
    return Application.objects.create(**{**values, **fields})


def subscription(**fields):
    return Subscription.objects.create(email=ADDRESS, every_edition=True, **fields)


def view_on_site(row):
    return f"/admin/r/{ContentType.objects.get_for_model(row).pk}/{row.pk}/"


@pytest.fixture
def staff_without_permissions(client):
    client.force_login(User.objects.create_user("sam", password="x", is_staff=True))
    return client


@pytest.fixture
def organiser(client):
    os.environ["ORGANISER_PASSWORD"] = "a-long-organiser-passphrase"
    try:
        call_command("create_organiser", "olga", "--email", "olga@example.org", "--no-input", verbosity=0)
    finally:
        del os.environ["ORGANISER_PASSWORD"]
    client.force_login(User.objects.get(username="olga"))
    return client


@pytest.mark.parametrize("account", ["staff_without_permissions", "organiser", "admin_client"])
def test_no_admin_shortcut_leads_any_staff_account_to_a_persons_signed_page(request, account):
    client = request.getfixturevalue(account)
    for row in [registration(), application(), subscription()]:
        response = client.get(view_on_site(row))
        assert response.status_code in (403, 404), (type(row).__name__, response.get("Location"))
        assert not hasattr(row, "get_absolute_url")


def test_a_persons_page_cannot_be_deleted_through_the_shortcut_by_a_staff_user_without_permissions(
    staff_without_permissions,
):
    ana = registration()
    response = staff_without_permissions.post(view_on_site(ana), {"action": "delete"}, follow=True)
    assert response.status_code == 404
    assert Registration.objects.filter(pk=ana.pk).exists()


def test_view_on_site_still_opens_public_content_for_those_who_may_view_it(
    admin_client, staff_without_permissions
):
    edition = EditionFactory()
    page = admin_client.get(view_on_site(edition))
    assert page.status_code == 302 and page["Location"].endswith(edition.get_absolute_url())
    assert staff_without_permissions.get(view_on_site(edition)).status_code == 404


def test_garbage_in_the_view_on_site_address_is_a_404(admin_client):
    for url in ["/admin/r/x/1/", "/admin/r/99999999999999999999999/1/", "/admin/r/999999/1/"]:
        assert admin_client.get(url).status_code == 404


def test_a_link_never_opens_another_person_who_took_the_same_primary_key_after_a_restore(client):
    ana = registration()
    old_manage, old_confirm, pk = ana.manage_url(), ana.get_confirm_url(), ana.pk
    ana.delete()
    bo = registration(pk=pk, name="Bo Newcomer", email="bo@example.org")
    assert bo.pk == pk
    assert client.get(old_manage).status_code == 404
    assert client.get(old_confirm).status_code == 404
    assert "Bo Newcomer" not in client.get(old_manage).content.decode()
    assert client.get(bo.manage_url()).status_code == 200

    sub = subscription()
    old_manage, old_unsubscribe, old_confirm, pk = (
        sub.manage_url(),
        sub.get_unsubscribe_url(),
        sub.get_confirm_url(),
        sub.pk,
    )
    sub.delete()
    newcomer = Subscription.objects.create(pk=pk, email="bo@example.org", every_edition=True)
    # The old subscription is gone: its page says so ("You are unsubscribed"), never the newcomer's.
    gone = client.get(old_manage)
    assert gone.status_code == 410 and "bo@example.org" not in gone.content.decode()
    assert client.get(old_confirm).status_code == 404
    client.post(old_unsubscribe)
    assert Subscription.objects.filter(pk=newcomer.pk).exists()

    applied = application()
    old_confirm, pk = applied.get_confirm_url(), applied.pk
    applied.delete()
    application(pk=pk, email="bo@example.org")
    assert client.get(old_confirm).status_code == 404


def test_every_row_gets_its_own_random_link_key():
    keys = {registration(email=f"p{i}@example.org").link_key for i in range(5)}
    assert len(keys) == 5 and all(len(key) >= 32 for key in keys)


def history_naming_ana():
    return LogEntry.objects.filter(object_repr__icontains="Ana Private") | LogEntry.objects.filter(
        object_repr__icontains=ADDRESS
    )


def old_history_entry(admin_user, row):
    """An entry as the admin wrote them before: named by the row's str()."""
    return LogEntry.objects.log_actions(admin_user.pk, [row], CHANGE, "Changed name.", single_object=True)


def test_deleting_my_data_deletes_the_admins_history_about_me(client, admin_user):
    ana = registration(status=Registration.Status.PENDING, confirmed_at=datetime.datetime.now(datetime.UTC))
    old_history_entry(admin_user, ana)
    assert history_naming_ana().exists()
    response = client.post(ana.manage_url(), {"action": "delete"})
    assert b"Your data is deleted" in response.content
    assert not history_naming_ana().exists()
    content_type = ContentType.objects.get_for_model(Registration)
    assert not LogEntry.objects.filter(content_type=content_type, object_id=str(ana.pk)).exists()


def test_the_admin_writes_history_about_a_person_without_their_name_or_address(admin_client, admin_user):
    ana = registration()
    url = f"/admin/registrations/registration/{ana.pk}/change/"
    data = {"name": "Ana Renamed", "email": ADDRESS, "organisation": "A cluster", "country": "BE"}
    data |= {"kind": "cluster", "messages-TOTAL_FORMS": "0", "messages-INITIAL_FORMS": "0"}
    assert admin_client.post(url, data).status_code == 302
    entry = LogEntry.objects.get()
    assert entry.object_repr == f"registration {ana.pk}"

    old_history_entry(admin_user, Registration.objects.get())
    admin_client.post(f"/admin/registrations/registration/{ana.pk}/delete/", {"post": "yes"})
    assert not Registration.objects.exists()
    assert [e.object_repr for e in LogEntry.objects.all()] == [f"registration {ana.pk}"]
    assert not LogEntry.objects.filter(object_repr__icontains="Ana").exists()


def test_anonymising_and_erasing_by_the_retention_commands_deletes_the_history_too(admin_user, settings):
    over = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    edition = on_site_edition(start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2020, 1, 1))
    ana = registration(edition=edition)
    old_history_entry(admin_user, ana)
    assert edition.ends_at < over + datetime.timedelta(days=1)
    assert anonymise() == 1
    assert not history_naming_ana().exists()

    stale = application()
    Application.objects.filter(pk=stale.pk).update(created_at=over)
    old_history_entry(admin_user, stale)
    assert hosting_retention.forget_unconfirmed() == 1
    assert not history_naming_ana().exists()


def refusing(address):
    async def handle_rcpt(server, session, envelope, recipient, rcpt_options):  # aiosmtpd's hook
        return f"550 5.1.1 <{recipient}>: Recipient address rejected"

    return handle_rcpt


def test_a_refused_address_is_neither_logged_nor_recorded(client, smtp_server, caplog):
    smtp_server.inbox.handle_RCPT = refusing(ADDRESS)
    edition = on_site_edition()
    data = {"name": "Ana Private", "email": ADDRESS, "organisation": "A cluster", "country": "BE"}
    data |= {"kind": "cluster", "consent": "on", "website": ""}
    client.post(f"/editions/{edition.slug}/register/", data)
    with caplog.at_level(logging.INFO):
        run_worker()
    message = Message.objects.get()
    assert message.sent_at is None and message.attempts == 1
    assert "SMTPRecipientsRefused" in message.last_error and "550" in message.last_error
    assert ADDRESS not in message.last_error
    # The site's records; "mail.log" is the test's own SMTP server (aiosmtpd).
    records = [r for r in caplog.records if r.name != "mail.log"]
    assert [r for r in records if r.levelno >= logging.WARNING]
    assert not [r for r in records if ADDRESS in r.getMessage()]


def site_log_lines(records):
    """The lines the site writes: its console handler's formatter on each record."""
    (formatter,) = {
        h.formatter for h in logging.getLogger().handlers if isinstance(h.formatter, RedactingJsonFormatter)
    }
    return [formatter.format(record) for record in records]


def test_the_request_log_carries_neither_signed_links_nor_addresses(client, smtp_server, caplog):
    edition = on_site_edition()
    form = {"name": "Ana Private", "email": ADDRESS, "organisation": "A cluster", "country": "BE"}
    with caplog.at_level(logging.INFO):
        client.post(f"/editions/{edition.slug}/register/", {**form, "kind": "cluster", "consent": "on"})
        run_worker()
        (mail,) = smtp_server.to(ADDRESS)
        confirm_url = link(mail, "confirm/")
        client.get(confirm_url)
        client.post(confirm_url)
        manage_url = Registration.objects.get().manage_url()
        client.get(manage_url)
        client.get(manage_url.replace(":", "%3A") + "?email=" + ADDRESS.replace("@", "%40"))
        client.post(manage_url, {"action": "delete"})
    tokens = [url.split("/")[-2] for url in (confirm_url, manage_url)]
    lines = site_log_lines(caplog.records)
    request_lines = [line for line in lines if "cmr_site.request" in line]
    assert len(request_lines) >= 5
    assert sum("<signed>" in line for line in request_lines) >= 4
    for line in lines:
        assert ADDRESS not in line and ADDRESS.replace("@", "%40") not in line
        assert not any(token in line or token.replace(":", "%3A") in line for token in tokens), line


def test_nginx_keeps_no_access_log_of_the_site_whose_links_it_would_write():
    conf = Path("deploy/nginx.conf").read_text()
    server = re.search(r"\nserver \{(.*)\n\}", conf, re.S).group(1)
    # The server's own directives, before its first location block.
    assert re.search(r"^\s*access_log off;", server.split("location")[0], re.M)


def test_a_confirm_link_does_not_open_the_manage_page(client):
    person = registration()
    manage = person.manage_url().rstrip("/").rsplit("/", 1)[0]
    assert client.get(f"{manage}/{person.confirm_token()}/").status_code == 404


def test_an_alert_link_does_not_open_a_registration_with_the_same_key(client):
    person = registration()
    alerts = subscription()
    Subscription.objects.filter(pk=alerts.pk).update(link_key=person.link_key)
    alerts.refresh_from_db()
    alert_token = alerts.manage_url().rstrip("/").rsplit("/", 1)[-1]
    manage = person.manage_url().rstrip("/").rsplit("/", 1)[0]
    assert client.get(f"{manage}/{alert_token}/").status_code == 404


def test_a_registrants_page_sends_no_referer_elsewhere(client):
    response = client.get(registration().manage_url())
    assert response.status_code == 200
    assert response["Referrer-Policy"] in {"same-origin", "no-referrer", "strict-origin"}


@pytest.mark.parametrize(
    "text",
    [
        "q=ana%2Bcmr%40example.org",  # a percent-encoded plus in the local part
        "q=ana%2bcmr%40B%C3%BCCHER%2Eexample&page=2",  # and a percent-encoded domain
        "to ana'b@example.org",  # an apostrophe: valid in an address (Django accepts it)
        "to ana&bob@example.org",
        '{"message": "refused <ana!#$%*+{|}~^`@example.org>"}',
        "mailto:ana@example.org?subject=hello",
    ],
)
def test_the_log_keeps_no_part_of_an_address(text):
    assert "ana" not in redact(text)
    assert "<address>" in redact(text)


def test_redaction_leaves_what_is_no_address_alone():
    lines = ['{"query": "page=2&kind=cluster", "path": "/editions/"}', "    @transaction.atomic"]
    assert [redact(line) for line in lines] == lines


def test_redacting_a_long_line_takes_linear_time():
    """A request's path may be kilobytes long (nginx takes 8 KB): a pattern tried from every
    character of a long run takes seconds over each such line (measured: 3 s for 12,000 letters),
    a linear one milliseconds."""
    lines = ["a" * 12_000, "x%40" * 3_000, "a:" * 6_000, "a%3A" * 3_000, "ana@b." * 2_000]
    started = time.perf_counter()
    for line in lines:
        redact(line)
    assert time.perf_counter() - started < 0.5


def test_the_request_log_keeps_only_the_parameter_names_of_an_admin_query(client, caplog):
    client.force_login(User.objects.create_superuser("olga", password="x"))
    with caplog.at_level(logging.INFO, logger="cmr_site.request"):
        client.get("/admin/registrations/registration/", {"q": "Vic Tim", "status__exact": "approved"})
        client.get("/editions/", {"page": "2"})
    lines = [line for line in site_log_lines(caplog.records) if "cmr_site.request" in line]
    queries = [json.loads(line)["query"] for line in lines]
    assert queries == ["q=<value>&status__exact=<value>", "page=2"]
    assert not any("Vic" in line for line in lines)
