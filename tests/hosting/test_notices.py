"""Organisers hear at once of a new application to host (hosting/emails.py queue_notices): when the
applicant confirms, one e-mail to each organiser, naming it and linking to it; once."""

import pytest
from django.contrib.auth.models import User

from hosting.models import Application, ApplicationNotice
from tests.desk_helpers import person
from tests.hosting.test_applications import answers, confirm_path, letters_root, open_call  # noqa: F401
from tests.registrations_helpers import run_worker

pytestmark = pytest.mark.django_db(transaction=True)


def test_each_organiser_hears_once_of_an_application_when_its_applicant_confirms(
    client,
    open_call,  # noqa: F811
    letters_root,  # noqa: F811
    smtp_server,
):
    olga = person("olga", organiser=True)
    root = User.objects.create_superuser("root", "root@example.org")
    User.objects.filter(pk=person("gone", organiser=True).pk).update(is_active=False)
    person("tomas")  # staff, but no organiser
    client.post(f"/host/calls/{open_call.pk}/apply/", answers())
    run_worker()
    assert not smtp_server.to(olga.email)  # not until the address is confirmed
    path = confirm_path(smtp_server.to("anna.nowak@example.org")[0])
    client.post(path)
    client.post(path)  # pressed twice
    run_worker()
    application = Application.objects.get()
    for organiser in (olga, root):
        (notice,) = smtp_server.to(organiser.email)
        # Python's parser keeps the space before a folded, encoded subject; mail clients do not show it.
        assert notice["Subject"].strip() == "New application to host: Agencja Rozwoju Regionalnego, Kraków"
        text = notice.get_body(("plain",)).get_content()
        assert application.reference in text and "Call for 2027" in text and "Anna Nowak" in text
        assert "12 October 2027 to 13 October 2027" in text
        url = f"http://127.0.0.1:8000/admin/hosting/application/{application.pk}/change/"
        assert url in text
        assert f'href="{url}"' in notice.get_body(("html",)).get_content()
    assert not smtp_server.to("gone@example.org") and not smtp_server.to("tomas@example.org")
    assert ApplicationNotice.objects.filter(sent_at__isnull=False).count() == 2
