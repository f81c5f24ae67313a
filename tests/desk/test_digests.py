"""The daily digest (desk/digests.py): from the set hour, once a day per person something waits
for, organisers for everything and team members for their editions, nobody on a day with nothing;
through the task queue and the real SMTP server."""

import datetime

import pytest
from django.core.management import call_command

from desk.digests import queue_digests
from desk.models import Digest
from registrations.models import Registration
from tests.desk_helpers import busy_edition, confirmed_application, person
from tests.registrations_helpers import on_site_edition, run_worker

# The worker closes its connection when done, as db_worker does: each test commits for real.
pytestmark = pytest.mark.django_db(transaction=True)
Status = Registration.Status


def subjects(smtp_server, email):
    return [m["Subject"] for m in smtp_server.to(email)]


def test_the_digest_goes_once_a_day_from_the_set_hour_to_whom_something_waits_for(smtp_server, at, settings):
    settings.DIGEST_HOUR = 8
    at(2030, 3, 1, 7, 30)
    porto = busy_edition(title="Clusters meet Regions: Porto 2030")
    busy_edition(title="Clusters meet Regions: Kraków 2030")
    quiet = on_site_edition(title="Clusters meet Regions: Quiet 2030")
    confirmed_application()
    organiser = person("olga", organiser=True)
    person("nomail", organiser=True, email="")  # nowhere to send it
    member, idle = person("tomas"), person("ida")
    porto.team.add(member)
    quiet.team.add(idle)
    call_command("send_digests")
    run_worker()
    assert not smtp_server.messages  # before eight in Brussels

    at(2030, 3, 1, 8, 5)
    call_command("send_digests")
    call_command("send_digests")  # the next hour's run: nothing more
    run_worker()
    assert subjects(smtp_server, organiser.email) == ["What waits for you on 1 March 2030"]
    assert subjects(smtp_server, member.email) == ["What waits for you on 1 March 2030"]
    assert not smtp_server.to(idle.email)  # their edition waits for nothing
    assert len(smtp_server.messages) == 2

    (theirs,) = smtp_server.to(member.email)
    text = theirs.get_body(("plain",)).get_content()
    assert "Clusters meet Regions: Porto 2030" in text and "Kraków" not in text
    assert "application" not in text
    pending = f"http://127.0.0.1:8000/admin/registrations/registration/?edition__id__exact={porto.pk}"
    assert f"- 2 requests awaiting approval: {pending}&status__exact=pending" in text
    (organisers,) = smtp_server.to(organiser.email)
    text = organisers.get_body(("plain",)).get_content()
    assert "Porto 2030" in text and "Kraków 2030" in text and "Quiet" not in text
    assert "- 1 application to host awaiting review: http://127.0.0.1:8000/admin/hosting/application/" in text
    html = organisers.get_body(("html",)).get_content()
    link = f'<a href="{pending}&amp;status__exact=pending" style="color:#0b4f8a;">'
    assert f"{link}2 requests awaiting approval</a>" in html
    assert "Open the admin" in html

    # The next day, nothing waits: the requests were decided, the failure is a week old.
    Registration.objects.filter(status=Status.PENDING).update(status=Status.DECLINED)
    at(2030, 3, 9, 8, 0)
    call_command("send_digests")
    run_worker()
    assert len(smtp_server.messages) == 3  # the organiser's: the application still waits
    assert subjects(smtp_server, organiser.email)[-1] == "What waits for you on 9 March 2030"
    assert list(Digest.objects.values_list("user__username", "day")) == [
        ("olga", datetime.date(2030, 3, 1)),
        ("tomas", datetime.date(2030, 3, 1)),
        ("olga", datetime.date(2030, 3, 9)),
    ]


def test_a_digest_is_queued_once_per_person_and_day_whatever_the_runs(at):
    at(2030, 3, 1, 23, 30)
    busy_edition()
    person("olga", organiser=True)
    assert queue_digests() == 1
    assert queue_digests() == 0
    at(2030, 3, 2, 0, 30)  # after midnight in Brussels, before the hour: not yet the next day's
    assert queue_digests() == 0
    assert Digest.objects.count() == 1
