"""Item 3: the certificate of attendance, a PDF for people checked in at an edition that is over."""

import datetime
import io
import subprocess

import pytest
import zxingcpp
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from attendance import certificate_pdf, certificates
from events.models import Edition, SiteIdentity
from tests.factories import AttendanceFactory, RegistrationFactory, png_upload

pytestmark = pytest.mark.django_db


def download(client, registration):
    return client.get(reverse("certificates:download", args=[registration.manage_token()]))


def attendee(days=1, **fields):
    """A registrant of the factory's past edition (10–11 March 2026), checked in on its first `days`."""
    registration = RegistrationFactory(**fields)
    for day in registration.edition.days[:days]:
        AttendanceFactory(registration=registration, day=day)
    return registration


def pdf_text(response):
    """The PDF's text with its line breaks as spaces: the reader finds the words, wherever they wrap."""
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    return " ".join(reader.pages[0].extract_text().split())


def test_an_attendee_downloads_a_pdf_kept_by_no_cache_under_a_plain_ascii_name(client):
    registration = attendee()
    response = download(client, registration)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    slug = registration.edition.slug
    assert response["Content-Disposition"] == f'attachment; filename="certificate-of-attendance-{slug}.pdf"'
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_no_certificate_without_attendance_before_the_end_or_after_anonymisation(client, at):
    absent = RegistrationFactory()
    assert download(client, absent).status_code == 404

    present = attendee()
    at(2026, 3, 11, 16, 0)  # the second day: checked in on the first, but the edition is not over
    assert download(client, present).status_code == 404
    at(2026, 3, 12, 0, 0)  # the two days are over at midnight in Brussels
    assert download(client, present).status_code == 200

    present.anonymised_at = datetime.datetime(2026, 4, 11, tzinfo=datetime.UTC)
    present.save()
    assert download(client, present).status_code == 404


def test_a_forged_link_is_not_found_and_a_link_opens_its_own_registrants_certificate_only(client):
    anna = attendee(name="Anna Nowak")
    piotr = attendee(name="Piotr Zieliński", edition=anna.edition)
    assert client.get(reverse("certificates:download", args=["forged:token"])).status_code == 404
    assert "Anna Nowak" in pdf_text(download(client, anna))
    text = pdf_text(download(client, piotr))
    assert "Piotr Zieliński" in text and "Anna Nowak" not in text


def test_the_certificate_says_who_attended_what_when_where_on_which_days_and_how_to_check_it(client, at):
    registration = attendee(
        name="Łukasz Żółć-Ørsted Ηλίας",
        organisation="Regionalna Agencja Rozwoju",
        edition__title="Clusters meet Regions: Kraków",
        edition__city="Kraków",
        edition__country="PL",
    )
    at(2026, 12, 3, 10, 0)
    text = pdf_text(download(client, registration))
    assert "Certificate of attendance" in text
    assert "Łukasz Żółć-Ørsted Ηλίας" in text
    assert "Regionalna Agencja Rozwoju" in text
    assert "Clusters meet Regions: Kraków" in text
    assert "10–11 March 2026" in text and "Kraków, Poland" in text
    assert "Attended 1 of 2 days: 10 March 2026" in text
    assert "on 3 December 2026" in text
    # The address on two lines, cut after /certificates/.
    url = certificates.verification_url(registration)
    assert url.replace("/certificates/", "/certificates/ ") in text
    # The retention command anonymises 30 days after the edition's end (12 March, 00:00).
    assert "Verifiable online until 10 April 2026" in text


@pytest.mark.parametrize(
    ("fields", "days", "place", "attended"),
    [
        ({"format": Edition.Format.ONLINE, "city": ""}, 2, "Online", "Attended both days"),
        (
            {"format": Edition.Format.HYBRID, "city": "Ghent"},
            2,
            "Ghent, Belgium, and online",
            "Attended both days",
        ),
        ({"end_date": datetime.date(2026, 3, 10)}, 1, None, "Attended on 10 March 2026"),
        ({"end_date": datetime.date(2026, 3, 12)}, 3, None, "Attended all 3 days"),
    ],
)
def test_the_place_says_online_and_the_days_are_all_or_each(client, fields, days, place, attended):
    registration = attendee(days=days, **{f"edition__{name}": value for name, value in fields.items()})
    text = pdf_text(download(client, registration))
    assert (place or registration.edition.place) in text
    assert attended in text


def test_its_fonts_are_embedded(client):
    reader = PdfReader(io.BytesIO(download(client, attendee(name="Ηλίας Ørsted")).content))
    fonts = list(reader.pages[0]["/Resources"]["/Font"].values())
    assert fonts
    for reference in fonts:
        font = reference.get_object()
        assert "DejaVuSans" in font["/BaseFont"]
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor


def test_its_qr_code_as_printed_reads_back_as_the_verification_link(client, tmp_path):
    registration = attendee()
    (tmp_path / "certificate.pdf").write_bytes(download(client, registration).content)
    # The page as a reader's printer would draw it, at 150 dpi.
    subprocess.run(
        ["pdftoppm", "-png", "-r", "150", "-singlefile", "certificate.pdf", "page"], cwd=tmp_path, check=True
    )
    page = Image.open(tmp_path / "page.png")
    assert page.width > page.height  # A4 across
    codes = [result.text for result in zxingcpp.read_barcodes(page)]
    assert codes == [certificates.verification_url(registration)]


def test_the_organisers_name_is_printed_as_text_whatever_it_holds(client):
    SiteIdentity.objects.create(logo=png_upload("logo.png", (600, 200)), logo_alt="<b>Regio</b> & *Partners*")
    text = pdf_text(download(client, attendee()))
    assert "Issued by <b>Regio</b> & *Partners*" in text


def test_the_logo_is_drawn_and_a_missing_or_broken_logo_file_leaves_it_out(client, media_root):
    identity = SiteIdentity.objects.create(logo=png_upload("logo.png", (600, 200)), logo_alt="Regio Partners")
    registration = attendee()
    with_logo = PdfReader(io.BytesIO(download(client, registration).content)).pages[0]
    assert len(with_logo.images) == 2  # the logo and the QR code

    (media_root / identity.logo.name).write_bytes(b"not an image")
    broken = PdfReader(io.BytesIO(download(client, registration).content)).pages[0]
    assert len(broken.images) == 1 and "Regio Partners" in broken.extract_text()

    identity.logo.storage.delete(identity.logo.name)
    missing = download(client, registration)
    assert missing.status_code == 200 and len(PdfReader(io.BytesIO(missing.content)).pages[0].images) == 1


def test_without_an_identity_the_series_issues_it(client):
    assert "Issued by Clusters meet Regions, European Cluster Collaboration Platform" in pdf_text(
        download(client, attendee())
    )


def test_a_long_name_and_title_still_fit_on_one_page(client):
    registration = attendee(
        name="Maria-Magdalena Aleksandra Wiśniewska-Kowalczyk von Hohenzollern-Sigmaringen",
        organisation="Agencja Rozwoju Regionalnego " * 4,
        edition__title="Clusters meet Regions: " + "Smart specialisation and industrial transition " * 3,
    )
    text = pdf_text(download(client, registration))
    assert "Hohenzollern-Sigmaringen" in text and "Check this certificate" in text


def test_the_pdf_as_a_file_names_its_title_and_language():
    registration = attendee(name="Anna Nowak")
    body = certificate_pdf.draw(certificates.content(registration, SiteIdentity()), SiteIdentity())
    reader = PdfReader(io.BytesIO(body))
    assert reader.metadata.title == "Certificate of attendance: Anna Nowak"
    assert reader.trailer["/Root"]["/Lang"] == "en"
