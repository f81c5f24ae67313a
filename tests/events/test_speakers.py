"""Speakers' photos, bios and links: the upload checks, the admin, and the edition and speaker pages."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from events.models import EditionSpeaker, Speaker
from tests.adminforms import form_data
from tests.events.imagery.test_uploads import SVG, image_bytes, media_files, png_bomb, post_upload
from tests.factories import EditionFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


def speaker_at(edition, **fields):
    speaker = SpeakerFactory(**fields)
    EditionSpeaker.objects.create(edition=edition, speaker=speaker, order=Speaker.objects.count())
    return speaker


def with_photo(speaker, size=(600, 800), fmt="JPEG"):
    speaker.photo = SimpleUploadedFile(f"portrait.{fmt.lower()}", image_bytes(fmt, size))
    speaker.save()
    return speaker


def test_a_speaker_photo_is_stored_with_square_renditions_and_a_thumbnail_in_the_list(admin_client):
    speaker = SpeakerFactory()
    upload = SimpleUploadedFile("portrait.png", image_bytes("PNG", (600, 900)))
    assert post_upload(admin_client, speaker, "photo", upload).status_code == 302
    speaker.refresh_from_db()
    assert (speaker.photo_width, speaker.photo_height) == (600, 900)
    assert Image.open(speaker.photo_1x.path).size == (160, 160)
    assert Image.open(speaker.photo_2x.path).size == (320, 320)
    assert Image.open(speaker.photo_1x.path).format == "WEBP"
    assert Image.open(speaker.photo_fallback.path).format == "JPEG"
    listing = admin_client.get(reverse("admin:events_speaker_changelist")).content.decode()
    assert speaker.photo_thumbnail.url in listing
    form = admin_client.get(reverse("admin:events_speaker_change", args=[speaker.pk])).content.decode()
    assert "Location and camera data are removed" in form and "at most 600 characters" in form


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("portrait.jpg", b"%PDF-1.7 this is not a picture" * 20, "not an image"),
        ("portrait.svg", SVG, "not an image"),
        ("portrait.png", png_bomb(), "too many pixels"),
        ("portrait.png", png_bomb(8000, 8000), "too large to process"),
    ],
    ids=["renamed-pdf", "svg", "bomb", "over-the-pixel-limit"],
)
def test_a_speaker_photo_that_is_not_a_sound_image_is_refused_and_leaves_no_file(
    admin_client, media_root, name, content, message
):
    speaker = SpeakerFactory()
    response = post_upload(admin_client, speaker, "photo", SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert message in " ".join(response.context["adminform"].form.errors["photo"])
    assert media_files(media_root) == []
    assert not Speaker.objects.get(pk=speaker.pk).photo


def test_the_admin_refuses_a_bio_over_600_characters_and_a_link_that_is_not_http(admin_client):
    speaker = SpeakerFactory()
    url = reverse("admin:events_speaker_change", args=[speaker.pk])
    data = form_data(admin_client.get(url))
    data.update(bio="x" * 601, link="ftp://files.example.org/cv.pdf")
    errors = admin_client.post(url, data).context["adminform"].form.errors
    assert "at most 600 characters" in str(errors["bio"]) and "link" in errors
    with pytest.raises(ValidationError):
        Speaker(name="J", slug="j", link="javascript:alert(1)").full_clean()


def test_the_edition_page_shows_each_speaker_with_photo_or_initials_affiliation_and_a_short_bio(client):
    edition = EditionFactory()
    pictured = with_photo(speaker_at(edition, name="Anna Nowak", bio="Leads the cluster. " * 20))
    speaker_at(edition, name="Jean-Luc de Smet", job_title="Director", organisation="Wallonia agency")
    page = client.get(edition.get_absolute_url()).content.decode()
    assert f'src="{pictured.photo_fallback.url}" alt="Photo of Anna Nowak"' in page
    assert pictured.photo_2x.url + " 2x" in page
    assert 'avatar-initials" aria-hidden="true">JS</span>' in page
    assert "Director, Wallonia agency" in page
    # The bio, shortened to a few lines on the edition page.
    assert "Leads the cluster. Leads the cluster." in page and "Leads the cluster. " * 20 not in page


def test_a_speaker_page_shows_photo_bio_with_line_breaks_escaped_and_the_link(client):
    edition = EditionFactory()
    speaker = with_photo(
        speaker_at(
            edition,
            name="Anna Nowak",
            bio="Cluster manager.\n<script>alert('bio')</script>",
            link="https://example.org/anna",
        )
    )
    page = client.get(speaker.get_absolute_url()).content.decode()
    assert 'alt="Photo of Anna Nowak"' in page
    assert "Cluster manager.<br>&lt;script&gt;alert(&#x27;bio&#x27;)&lt;/script&gt;" in page
    assert "<script>alert" not in page
    assert '<a class="speaker-link" href="https://example.org/anna" rel="noopener">Website' in page
    assert '<span class="visually-hidden"> of Anna Nowak</span>' in page
    assert edition.title in page


def test_a_link_that_is_not_http_never_reaches_the_speaker_page(client):
    # A fixture or the shell can store what the form refuses.
    speaker = speaker_at(EditionFactory(), link="javascript:alert(1)")
    page = client.get(speaker.get_absolute_url()).content.decode()
    assert "javascript:" not in page and "speaker-link" not in page


def test_a_new_photo_or_bio_shows_at_once_on_the_cached_pages(client):
    edition = EditionFactory()
    speaker = speaker_at(edition, name="Anna Nowak")
    for url in (edition.get_absolute_url(), speaker.get_absolute_url()):
        assert "Photo of Anna Nowak" not in client.get(url).content.decode()
        assert client.get(url)["X-Cache"] == "hit"
    with_photo(speaker)
    speaker.bio = "Now with a bio."
    speaker.save()
    for url in (edition.get_absolute_url(), speaker.get_absolute_url()):
        page = client.get(url)
        assert page["X-Cache"] == "miss"
        assert "Photo of Anna Nowak" in page.content.decode() and "Now with a bio." in page.content.decode()


def test_a_lost_photo_file_shows_the_initials_not_a_broken_image(client):
    edition = EditionFactory()
    speaker = with_photo(speaker_at(edition, name="Anna Nowak"))
    speaker.photo.storage.delete(speaker.photo.name)
    page = client.get(edition.get_absolute_url()).content.decode()
    assert "Photo of Anna Nowak" not in page and 'aria-hidden="true">AN</span>' in page
