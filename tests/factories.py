import datetime
import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from events import models


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Series
        django_get_or_create = ["slug"]

    name = "Clusters meet Regions"
    slug = "clusters-meet-regions"


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Edition

    title = factory.Sequence(lambda n: f"Clusters meet Regions: City {n}")
    slug = factory.Sequence(lambda n: f"city-{n}")
    series = factory.SubFactory(SeriesFactory)
    status = models.Edition.Status.PUBLISHED
    city = factory.Sequence(lambda n: f"City {n}")
    country = "BE"
    timezone = "Europe/Brussels"
    start_date = datetime.date(2024, 11, 27)
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=1))


class HostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Host

    name = factory.Sequence(lambda n: f"Host region {n}")
    slug = factory.Sequence(lambda n: f"host-{n}")
    kind = models.OrganisationKind.AUTHORITY
    country = "BE"


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Partner

    name = factory.Sequence(lambda n: f"Partner {n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Speaker

    name = factory.Sequence(lambda n: f"Speaker {n}")
    slug = factory.Sequence(lambda n: f"speaker-{n}")
    job_title = "Cluster manager"
    organisation = "A cluster"


class SummaryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Summary

    edition = factory.SubFactory(EditionFactory)
    body = "We met, we learned."


class CallForHostsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.CallForHosts

    title = "Call to host the next editions"
    series = factory.SubFactory(SeriesFactory)
    text = "Regions may apply."
    apply_url = "https://example.org/apply"


class ApplicationFactory(factory.django.DjangoModelFactory):
    """An application to host whose support letter is named, not stored: enough for its e-mails."""

    class Meta:
        model = "hosting.Application"

    call = factory.SubFactory(CallForHostsFactory)
    organisation = "Agencja Rozwoju Regionalnego"
    kind = "cluster"
    region = "Lesser Poland"
    country = "PL"
    contact_name = "Anna Nowak"
    email = "anna@example.org"
    proposed_start = datetime.date(2027, 10, 12)
    proposed_end = datetime.date(2027, 10, 13)
    city = "Kraków"
    motivation = "Our clusters want to meet the region's policy makers."
    partners = "The Marshal's Office."
    support_letter = "letters/letter.pdf"


def png_upload(name="photo.png", size=(40, 20)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (11, 79, 138)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


class RegistrationFactory(factory.django.DjangoModelFactory):
    """An approved registrant of a past two-day edition in person: the state check-in, certificates,
    feedback and the figures start from."""

    class Meta:
        model = "registrations.Registration"

    edition = factory.SubFactory(
        EditionFactory, start_date=datetime.date(2026, 3, 10), end_date=datetime.date(2026, 3, 11)
    )
    name = factory.Sequence(lambda n: f"Registrant {n}")
    email = factory.Sequence(lambda n: f"registrant{n}@example.org")
    organisation = "Cluster of the region"
    country = "BE"
    kind = "cluster"
    status = "approved"


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "attendance.Attendance"

    registration = factory.SubFactory(RegistrationFactory)
    day = factory.LazyAttribute(lambda attendance: attendance.registration.edition.start_date)


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "feedback.Survey"

    edition = factory.SubFactory(EditionFactory)
    closes_on = factory.LazyAttribute(lambda survey: survey.edition.end_date + datetime.timedelta(days=14))


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "feedback.Response"

    registration = factory.SubFactory(RegistrationFactory)
    survey = factory.LazyAttribute(lambda response: SurveyFactory(edition=response.registration.edition))
    rating = 4
