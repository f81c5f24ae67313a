import importlib
import logging

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from imagekit.cachefiles import ImageCacheFile
from PIL import Image

from events.models import Edition, EditionHost, Host, Partner, Partnership, Summary
from tests.adminforms import form_data
from tests.events.imagery.test_uploads import image_bytes, media_files, pdf_bytes, post_upload
from tests.factories import EditionFactory, HostFactory, PartnerFactory

pytestmark = pytest.mark.django_db

HERO_RENDITIONS = ("hero_480", "hero_960", "hero_1600", "hero_fallback", "hero_thumbnail")
LOGO_RENDITIONS = ("logo_1x", "logo_2x", "logo_fallback", "logo_thumbnail")


def upload_hero(client, edition, name="hall.jpg", size=(1200, 600)):
    upload = SimpleUploadedFile(name, image_bytes(size=size))
    response = post_upload(client, edition, "hero_image", upload, hero_image_alt="The hall")
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    edition.refresh_from_db()
    return edition


def upload_logo(client, organisation):
    upload = SimpleUploadedFile("logo.png", image_bytes("PNG", (400, 100)))
    assert post_upload(client, organisation, "logo", upload).status_code == 302
    organisation.refresh_from_db()
    return organisation


def files_of(obj, field, renditions):
    return sorted([getattr(obj, field).name] + [getattr(obj, name).name for name in renditions])


def test_uploads_through_the_admin_store_their_size_in_the_database(admin_client):
    edition = upload_hero(admin_client, EditionFactory(), size=(1500, 500))
    host = upload_logo(admin_client, HostFactory())
    # values_list: loading the objects must not be what fills the size in.
    assert Edition.objects.filter(pk=edition.pk).values_list("hero_image_width", "hero_image_height")[0] == (
        1500,
        500,
    )
    assert Host.objects.filter(pk=host.pk).values_list("logo_width", "logo_height")[0] == (400, 100)


def test_a_lost_upload_leaves_every_page_and_the_admin_answering_without_the_image(
    admin_client, client, media_root, caplog
):
    edition = upload_hero(admin_client, EditionFactory(slug="charleroi-2024"))
    host = upload_logo(admin_client, HostFactory(slug="charleroi-metropole"))
    partner = upload_logo(admin_client, PartnerFactory(slug="eccp"))
    EditionHost.objects.create(edition=edition, host=host)
    Partnership.objects.create(edition=edition, partner=partner)
    hero, logo = edition.hero_image.name, host.logo.name
    (media_root / hero).unlink()
    (media_root / logo).unlink()
    (media_root / partner.logo.name).unlink()

    for url in [
        "/",
        "/editions/",
        edition.get_absolute_url(),
        "/editions.json",
        "/calendar.ics",
        "/feeds/editions/",
        "/sitemap.xml",
        host.get_absolute_url(),
        partner.get_absolute_url(),
    ]:
        assert client.get(url).status_code == 200, url
    page = client.get(edition.get_absolute_url()).content.decode()
    # No trace of the lost photo: the share image and the cover are drawn instead.
    assert "<picture" not in page and "/media/" not in page and "renditions/" not in page
    assert 'class="cover cover-header ' in page

    for model, obj in [("edition", edition), ("host", host), ("partner", partner)]:
        listing = admin_client.get(reverse(f"admin:events_{model}_changelist"))
        assert listing.status_code == 200 and "File missing" in listing.content.decode()
        form = admin_client.get(reverse(f"admin:events_{model}_change", args=[obj.pk]))
        assert form.status_code == 200 and "File missing: upload it again" in form.content.decode()

    # The organiser replaces the file, and the image is back.
    upload_hero(admin_client, edition, name="hall-again.jpg")
    assert "<picture" in client.get(edition.get_absolute_url() + "?again").content.decode()

    missing = [
        r.getMessage() for r in caplog.records if r.name == "events.imagery.media" and hero in r.getMessage()
    ]
    assert len(missing) == 1, missing


def test_an_image_stored_without_its_size_is_left_out_not_a_500(admin_client, client, media_root):
    """Pages never open files to measure them; a row written around the model may lack the size."""
    edition = upload_hero(admin_client, EditionFactory(slug="charleroi-2024"))
    host = upload_logo(admin_client, HostFactory(slug="charleroi-metropole"))
    EditionHost.objects.create(edition=edition, host=host)
    Edition.objects.filter(pk=edition.pk).update(hero_image_width=None, hero_image_height=None)
    Host.objects.filter(pk=host.pk).update(logo_width=None, logo_height=None)
    for url in (edition.get_absolute_url(), host.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "<picture" not in response.content.decode(), url
    # The edition's header still has its visual: the cover, drawn around the photo.
    assert 'class="cover cover-header ' in client.get(edition.get_absolute_url()).content.decode()


def test_a_lost_file_is_logged_once_per_process_not_per_request(client, media_root, caplog):
    edition = EditionFactory(hero_image_alt="The hall")
    edition.hero_image.save("lost.jpg", ContentFile(image_bytes()))
    (media_root / edition.hero_image.name).unlink()
    with caplog.at_level(logging.WARNING, logger="events.imagery.media"):
        for n in range(3):
            assert client.get(edition.get_absolute_url() + f"?n={n}").status_code == 200
    assert [r.levelname for r in caplog.records if r.name == "events.imagery.media"] == ["WARNING"]


def test_a_failed_rendition_rolls_back_and_leaves_nothing_in_media(admin_client, media_root, monkeypatch):
    def fail(self):
        raise OSError("encoder failed")

    monkeypatch.setattr(ImageCacheFile, "_generate", fail)
    edition = EditionFactory()
    with pytest.raises(OSError, match="encoder failed"):
        post_upload(
            admin_client,
            edition,
            "hero_image",
            SimpleUploadedFile("hall.jpg", image_bytes()),
            hero_image_alt="The hall",
        )
    assert media_files(media_root) == []
    assert not Edition.objects.get(pk=edition.pk).hero_image


def test_replacing_a_hero_image_deletes_the_old_original_and_its_renditions_after_commit(
    admin_client, media_root, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        edition = upload_hero(admin_client, EditionFactory(), name="first.jpg")
    old = files_of(edition, "hero_image", HERO_RENDITIONS)
    assert media_files(media_root) == old

    with django_capture_on_commit_callbacks(execute=True):
        edition = upload_hero(admin_client, edition, name="second.jpg")
        # Until the transaction commits, the old files are still the live ones.
        assert set(old) <= set(media_files(media_root))
    assert media_files(media_root) == files_of(edition, "hero_image", HERO_RENDITIONS)


def test_deleting_an_edition_or_a_host_deletes_its_files(
    admin_client, media_root, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        edition = upload_hero(admin_client, EditionFactory())
        host = upload_logo(admin_client, HostFactory())
    kept = files_of(host, "logo", LOGO_RENDITIONS)
    assert len(media_files(media_root)) == len(HERO_RENDITIONS) + len(LOGO_RENDITIONS) + 2

    with django_capture_on_commit_callbacks(execute=True):
        edition.delete()
    assert media_files(media_root) == kept
    with django_capture_on_commit_callbacks(execute=True):
        host.delete()
    assert media_files(media_root) == []


def test_clearing_a_report_in_the_admin_deletes_the_file(
    admin_client, media_root, django_capture_on_commit_callbacks
):
    summary = Summary.objects.create(edition=EditionFactory())
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            post_upload(admin_client, summary, "report", SimpleUploadedFile("r.pdf", pdf_bytes())).status_code
            == 302
        )
    assert media_files(media_root) == ["summaries/r.pdf"]
    with django_capture_on_commit_callbacks(execute=True):
        assert post_upload(admin_client, summary, "report-clear", "on").status_code == 302
    assert media_files(media_root) == []


def test_media_orphans_lists_and_deletes_exactly_the_unreferenced_files(admin_client, media_root, capsys):
    edition = upload_hero(admin_client, EditionFactory())
    partner = upload_logo(admin_client, PartnerFactory())
    summary = Summary.objects.create(edition=edition)
    summary.report.save("report.pdf", ContentFile(pdf_bytes()))
    referenced = media_files(media_root)
    orphans = [
        "editions/replaced-long-ago.jpg",
        "renditions/editions/replaced-long-ago/0123456789ab.webp",  # its source is gone
        "renditions/" + partner.logo.name.rsplit(".", 1)[0] + "/stale0000000.webp",  # an old setting's
        "summaries/old-report.pdf",
    ]
    for name in orphans:
        (media_root / name).parent.mkdir(parents=True, exist_ok=True)
        (media_root / name).write_bytes(b"x")

    call_command("media_orphans", "--min-age", "0")
    assert capsys.readouterr().out.split() == sorted(orphans)
    assert media_files(media_root) == sorted(referenced + orphans)

    call_command("media_orphans")  # everything was written just now: too young to touch
    assert capsys.readouterr().out.split() == []

    call_command("media_orphans", "--min-age", "0", "--delete")
    out = capsys.readouterr()
    assert out.out.split() == sorted(orphans) and "Deleted 4 unreferenced files." in out.err
    assert media_files(media_root) == referenced


def test_the_migration_measures_images_uploaded_before_sizes_were_stored(media_root):
    edition = EditionFactory(hero_image_alt="The hall")
    edition.hero_image.save("old.jpg", ContentFile(image_bytes(size=(900, 300))))
    lost = HostFactory()
    lost.logo.save("lost.png", ContentFile(image_bytes("PNG", (40, 20))))
    (media_root / lost.logo.name).unlink()
    Edition.objects.update(hero_image_width=None, hero_image_height=None)
    Host.objects.update(logo_width=None, logo_height=None)

    migration = importlib.import_module("events.migrations.0005_fill_image_dimensions")
    migration.fill_dimensions(apps, None)

    assert Edition.objects.values_list("hero_image_width", "hero_image_height").get() == (900, 300)
    assert Host.objects.values_list("logo_width", "logo_height").get() == (None, None)
    assert Partner.objects.count() == 0


def test_a_duplicated_edition_has_its_own_image_which_outlives_the_original(
    admin_client, media_root, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        original = upload_hero(admin_client, EditionFactory(), name="hall.jpg")
        copy = original.duplicate()
    assert copy.hero_image.name != original.hero_image.name
    assert (copy.hero_image_width, copy.hero_image_height) == (1200, 600)
    kept = files_of(copy, "hero_image", HERO_RENDITIONS)

    with django_capture_on_commit_callbacks(execute=True):
        original.delete()
    assert media_files(media_root) == kept


def test_duplicating_an_edition_whose_image_is_lost_copies_it_without_one(admin_client, media_root):
    original = upload_hero(admin_client, EditionFactory())
    (media_root / original.hero_image.name).unlink()
    copy = original.duplicate()
    assert not copy.hero_image and copy.hero_image_width is None


def test_an_edition_whose_photo_is_lost_can_still_be_edited_and_postponed(admin_client, media_root):
    edition = upload_hero(admin_client, EditionFactory())
    for path in [p for p in media_root.rglob("*") if p.is_file()]:
        path.unlink()  # the original and every rendition
    url = reverse("admin:events_edition_change", args=[edition.pk])
    data = form_data(admin_client.get(url))
    data.pop("hero_image", None)
    data["title"] = "Edited after the photo was lost"
    assert admin_client.post(url, data).status_code == 302
    action = {"action": "mark_postponed", "_selected_action": [edition.pk]}
    assert admin_client.post(reverse("admin:events_edition_changelist"), action).status_code == 302
    edition.refresh_from_db()
    assert edition.title == "Edited after the photo was lost" and edition.is_postponed


def test_a_new_photo_under_a_lost_ones_name_gets_renditions_of_its_own(admin_client, media_root):
    edition = upload_hero(admin_client, EditionFactory(), name="hall.jpg", size=(1200, 600))
    first = edition.hero_image.name
    (media_root / first).unlink()
    edition = upload_hero(admin_client, edition, name="hall.jpg", size=(1000, 800))
    # Every upload has a name of its own, so no rendition of the lost photo can stand in.
    assert edition.hero_image.name != first and edition.hero_image.name.endswith("/hall.jpg")
    with Image.open(media_root / edition.hero_960.name) as rendition:
        assert rendition.size == (960, 768)
