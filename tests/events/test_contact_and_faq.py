"""Item 10: a contact page with the organisers' address, the FAQ kept in the admin, the ECCP's own
site where the series names it."""

import pytest

from events.models import FaqAudience, FaqEntry, SiteIdentity

pytestmark = pytest.mark.django_db

ECCP = "https://www.clustercollaboration.eu/"


def test_the_contact_page_gives_the_organisers_address_the_e_mails_reply_to(client, settings):
    settings.ORGANISERS_EMAIL = "Clusters meet Regions <organisers@cmr.example.eu>"
    page = client.get("/contact/").content.decode()
    assert '<a href="mailto:organisers@cmr.example.eu">organisers@cmr.example.eu</a>' in page
    assert f'href="{ECCP}"' in page and 'href="/faq/"' in page


def test_every_page_links_to_contact_the_faq_and_the_eccps_own_site_not_its_partner_page(client):
    page = client.get("/legal/").content.decode()
    assert 'href="/contact/"' in page and 'href="/faq/"' in page
    assert f'href="{ECCP}"' in page and "/partners/eccp/" not in page


def test_the_privacy_notice_points_to_the_contact_page_not_to_edition_contacts(client):
    page = client.get("/privacy/").content.decode()
    assert 'href="/contact/"' in page and "contact person named on the page" not in page


def test_the_faq_lists_each_audiences_entries_in_order_under_its_own_heading(client):
    FaqEntry.objects.all().delete()
    FaqEntry.objects.create(audience=FaqAudience.HOSTS, question="Who may apply?", answer="Regions.", order=1)
    FaqEntry.objects.create(audience=FaqAudience.REGISTRANTS, question="Second?", answer="B", order=2)
    FaqEntry.objects.create(
        audience=FaqAudience.REGISTRANTS, question="First?", answer="**Yes** <script>x</script>", order=1
    )
    page = client.get("/faq/").content.decode()
    order = [page.index(text) for text in ("First?", "Second?", 'id="hosts"', "Who may apply?")]
    assert order == sorted(order)
    assert "<strong>Yes</strong>" in page and "<script>x" not in page


def test_the_first_entries_come_with_the_migration_for_both_audiences():
    assert {entry.audience for entry in FaqEntry.objects.all()} == {"registrants", "hosts"}


def test_the_register_form_links_to_the_registrants_answers(client):
    from tests.registrations_helpers import on_site_edition

    edition = on_site_edition()
    assert 'href="/faq/#registrants"' in client.get(f"/editions/{edition.slug}/register/").content.decode()


def test_an_organiser_edits_the_faq_in_the_admin_and_sees_the_contact_address_in_the_site_identity(
    admin_client, client, settings
):
    settings.ORGANISERS_EMAIL = "organisers@cmr.example.eu"
    response = admin_client.post(
        "/admin/events/faqentry/add/",
        {"audience": "registrants", "question": "Is there a fee?", "answer": "No.", "order": "0"},
    )
    assert response.status_code == 302
    assert "Is there a fee?" in client.get("/faq/").content.decode()
    SiteIdentity.objects.create()
    identity = admin_client.get("/admin/events/siteidentity/1/change/").content.decode()
    assert "organisers@cmr.example.eu" in identity and "ORGANISERS_EMAIL" in identity
