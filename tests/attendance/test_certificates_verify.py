"""Item 3: checking a certificate on its public page, and the certificate on the registrant's own page."""

import datetime

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from attendance import certificates
from registrations import flow
from registrations.management.commands.registrations_retention import anonymise
from tests.factories import AttendanceFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def attendee(**fields):
    registration = RegistrationFactory(**fields)
    AttendanceFactory(registration=registration, day=registration.edition.start_date)
    return registration


def check(client, code):
    response = client.get(reverse("certificates:verify", args=[code]))
    # Without the word joiners that keep "10–11" on one line.
    return response, " ".join(strip_tags(response.content.decode()).replace("\u2060", "").split())


def test_a_genuine_certificate_is_confirmed_with_name_edition_and_days_only(client):
    registration = attendee(name="Ηλίας Ørsted", organisation="Secret Cluster", email="elias@example.org")
    response, text = check(client, certificates.code(registration))
    assert response.status_code == 200
    assert "This certificate is genuine" in text
    assert "Ηλίας Ørsted" in text and registration.edition.title in text
    assert "10–11 March 2026" in text and "Attended 1 of 2 days: 10 March 2026" in text
    # What the page needs, no more: a stranger holding the link learns no address or organisation.
    assert "Secret Cluster" not in text and "elias@example.org" not in text


def test_the_page_is_kept_out_of_search_engines_and_shared_caches(client):
    for code in (certificates.code(attendee()), "garbage"):
        response = client.get(reverse("certificates:verify", args=[code]))
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    "tamper",
    [
        lambda code: "garbage",
        lambda code: "a" * 200,
        lambda code: code[:-1] + ("A" if code[-1] != "A" else "B"),  # the signature altered
        lambda code: ("x" if code[0] != "x" else "y") + code[1:],  # the key altered
        lambda code: code.split(":")[0],  # the signature cut off
    ],
)
def test_a_forged_or_altered_code_is_not_genuine_and_not_found(client, tamper):
    response, text = check(client, tamper(certificates.code(attendee())))
    assert response.status_code == 404
    assert "This certificate is not genuine" in text


def test_the_manage_link_is_not_a_certificate_code(client):
    registration = attendee()
    response, text = check(client, registration.manage_token())
    assert response.status_code == 404 and "not genuine" in text


def test_a_code_whose_attendance_was_undone_or_whose_edition_is_not_over_is_not_genuine(client, at):
    registration = attendee()
    code = certificates.code(registration)
    at(2026, 3, 11, 12, 0)
    assert check(client, code)[0].status_code == 404
    at(2026, 3, 12, 9, 0)
    assert check(client, code)[0].status_code == 200
    registration.attendances.all().delete()
    assert check(client, code)[0].status_code == 404


def test_after_the_retention_period_or_a_deletion_a_genuine_code_says_it_can_no_longer_be_checked(client, at):
    anonymised, deleted = attendee(), attendee()
    codes = [certificates.code(anonymised), certificates.code(deleted)]
    at(2026, 4, 11, 1, 0)  # 30 days after the edition's end
    assert anonymise() == 2
    flow.delete(deleted.pk)
    for code in codes:
        response, text = check(client, code)
        assert response.status_code == 410
        assert "This certificate can no longer be checked" in text and "not genuine" not in text


def test_the_certificate_names_the_last_day_it_can_be_checked_before_anonymisation(at):
    registration = attendee()
    until = certificates.verifiable_until(registration.edition)
    assert until == datetime.date(2026, 4, 10)
    at(2026, 4, 10, 23, 59)
    assert anonymise() == 0 and certificates.verify(certificates.code(registration)).is_genuine
    at(2026, 4, 11, 1, 0)  # 30 times 24 hours after midnight on 12 March, a summer time later
    assert anonymise() == 1 and certificates.verify(certificates.code(registration)).is_gone


# ---- The registrant's own page ----


def own_page(client, registration):
    return " ".join(strip_tags(client.get(registration.manage_url()).content.decode()).split())


def test_an_attendee_is_offered_the_download_on_their_page_once_the_edition_is_over(client, at):
    registration = attendee()
    at(2026, 3, 11, 12, 0)
    page = own_page(client, registration)
    assert "Download your certificate (PDF)" not in page
    assert "will be here to download after the edition ends on 11 March 2026" in page

    at(2026, 3, 12, 9, 0)
    html = client.get(registration.manage_url()).content.decode()
    assert f'href="{certificates.download_url(registration)}"' in html
    assert "Download your certificate (PDF)" in html
    assert "It can be checked online until 10 April 2026" in own_page(client, registration)


def test_people_without_attendance_see_nothing_of_certificates(client):
    registration = RegistrationFactory()
    assert "certificate" not in own_page(client, registration).lower()


def test_a_check_in_on_a_day_the_edition_no_longer_has_gives_no_certificate(client):
    registration = RegistrationFactory()
    AttendanceFactory(registration=registration, day=datetime.date(2026, 3, 9))
    assert client.get(certificates.download_url(registration)).status_code == 404
    assert certificates.offer(registration) is None
