import io

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from events.imagery import share_images
from tests.factories import EditionFactory


@pytest.fixture
def drawings(monkeypatch):
    """Counts the times an image is drawn."""
    count = {"n": 0}
    render = share_images.render

    def counting(edition):
        count["n"] += 1
        return render(edition)

    monkeypatch.setattr(share_images, "render", counting)
    return count


@pytest.mark.django_db
def test_the_share_image_is_a_1200_by_630_png_drawn_once_then_read_from_media(client, drawings):
    edition = EditionFactory(slug="milan", city="Milan", country="IT", latitude=45.46, longitude=9.19)
    first = client.get("/editions/milan/share.png")
    assert first.status_code == 200 and first["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(first.content)).size == (1200, 630)
    assert client.get("/editions/milan/share.png").content == first.content
    assert drawings["n"] == 1
    assert default_storage.exists(share_images.file_name(edition))


@pytest.mark.django_db
def test_an_edit_draws_a_new_share_image_and_removes_the_old_one(client, drawings):
    edition = EditionFactory(slug="milan", country="IT")
    client.get("/editions/milan/share.png")
    old = share_images.file_name(edition)
    edition.title = "Clusters meet Regions: Milano"
    edition.save()
    client.get("/editions/milan/share.png")
    assert drawings["n"] == 2
    assert default_storage.exists(share_images.file_name(edition)) and not default_storage.exists(old)


@pytest.mark.django_db
def test_a_lost_share_image_is_drawn_again_never_an_error(client, drawings):
    edition = EditionFactory(slug="milan", country="IT")
    client.get("/editions/milan/share.png")
    default_storage.delete(share_images.file_name(edition))
    assert client.get("/editions/milan/share.png").status_code == 200
    assert drawings["n"] == 2


@pytest.mark.django_db
def test_an_unwritable_storage_still_serves_the_share_image(client, monkeypatch):
    EditionFactory(slug="milan", country="IT")

    class ReadOnlyStorage:
        def exists(self, name):
            return False

        def save(self, name, content):
            raise OSError("read-only file system")

    monkeypatch.setattr(share_images, "default_storage", ReadOnlyStorage())
    assert client.get("/editions/milan/share.png").status_code == 200


@pytest.mark.django_db
def test_an_edition_page_names_its_share_image_and_a_draft_has_none(client):
    EditionFactory(slug="milan", country="IT")
    EditionFactory(slug="draft", status="draft")
    html = client.get("/editions/milan/").content.decode()
    assert '<meta property="og:image" content="http://127.0.0.1:8000/editions/milan/share.png">' in html
    assert '<meta name="twitter:image" content="http://127.0.0.1:8000/editions/milan/share.png">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert client.get("/editions/draft/share.png").status_code == 404


def test_share_images_are_drawn_in_a_font_with_every_european_letter_and_the_en_dash():
    font = share_images._font(40)
    assert font.path == share_images.DEJAVU
    for letter in "–óšșłüåæø":
        assert font.getmask(letter).getbbox() != font.getmask("\uffff").getbbox(), letter
