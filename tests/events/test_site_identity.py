"""The organisers' logo in the site's header, set in the admin's "Site identity"."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from events.models import SiteIdentity
from tests.adminforms import form_data
from tests.events.imagery.test_uploads import SVG, image_bytes, media_files

pytestmark = pytest.mark.django_db

ADD = reverse("admin:events_siteidentity_add")


def post_identity(client, **data):
    return client.post(ADD, {**form_data(client.get(ADD)), **data})


def header(client):
    page = client.get("/").content.decode()
    return page[page.index('<a class="brand"') : page.index("</a>", page.index('<a class="brand"'))]


def test_a_logo_uploaded_in_the_admin_replaces_the_mark_until_it_is_removed(admin_client, client):
    assert 'class="mark"' in header(client)  # the site's own mark, cached from here on
    logo = SimpleUploadedFile("eccp.png", image_bytes("PNG", (600, 200)))
    response = post_identity(admin_client, logo=logo, logo_alt="European Cluster Collaboration Platform")
    assert response.status_code == 302
    identity = SiteIdentity.objects.get()

    shown = header(client)
    assert f'src="{identity.logo_fallback.url}" alt="European Cluster Collaboration Platform"' in shown
    assert f"{identity.logo_1x.url}, {identity.logo_2x.url} 2x" in shown
    assert 'width="160" height="53"' in shown
    assert 'class="mark"' not in shown and "<span>Clusters meet Regions</span>" in shown

    change = reverse("admin:events_siteidentity_change", args=[identity.pk])
    data = form_data(admin_client.get(change))
    assert admin_client.post(change, {**data, "logo-clear": "on"}).status_code == 302
    shown = header(client)
    assert 'class="mark"' in shown and "brand-logo" not in shown


def test_a_logo_needs_its_alt_text_and_svg_is_refused(admin_client, media_root):
    logo = SimpleUploadedFile("logo.png", image_bytes("PNG"))
    response = post_identity(admin_client, logo=logo, logo_alt=" ")
    assert "logo_alt" in response.context["adminform"].form.errors
    response = post_identity(admin_client, logo=SimpleUploadedFile("logo.svg", SVG), logo_alt="Us")
    assert "not an image" in " ".join(response.context["adminform"].form.errors["logo"])
    assert media_files(media_root) == [] and not SiteIdentity.objects.exists()


def test_there_is_one_identity_added_once_and_never_deleted(admin_client):
    assert admin_client.get(ADD).status_code == 200
    assert post_identity(admin_client, logo_alt="").status_code == 302
    assert admin_client.get(ADD).status_code == 403
    identity = SiteIdentity.objects.get()
    delete = reverse("admin:events_siteidentity_delete", args=[identity.pk])
    assert admin_client.get(delete).status_code == 403
    history = reverse("admin:events_siteidentity_history", args=[identity.pk])
    assert admin_client.get(history).status_code == 200 and identity.history.count() == 1
