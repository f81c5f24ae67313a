import datetime

import pytest
from django.db import IntegrityError, transaction

from attendance.models import Attendance
from tests.factories import AttendanceFactory, EditionFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def test_an_edition_has_each_of_its_days_first_to_last_its_first_and_last_included():
    edition = EditionFactory.build(start_date=datetime.date(2026, 2, 27), end_date=datetime.date(2026, 3, 2))
    day = datetime.date
    assert edition.days == [day(2026, 2, 27), day(2026, 2, 28), day(2026, 3, 1), day(2026, 3, 2)]
    one_day = EditionFactory.build(start_date=datetime.date(2026, 5, 4), end_date=datetime.date(2026, 5, 4))
    assert one_day.days == [datetime.date(2026, 5, 4)]


def test_a_person_is_checked_in_once_a_day_and_once_on_each_day():
    registration = RegistrationFactory()
    first, second = registration.edition.days
    AttendanceFactory(registration=registration, day=first)
    AttendanceFactory(registration=registration, day=second)
    with pytest.raises(IntegrityError), transaction.atomic():
        AttendanceFactory(registration=registration, day=first)
    assert Attendance.objects.of_edition(registration.edition).on(first).count() == 1
    assert str(Attendance.objects.first()).startswith("attendance ")
    assert registration.name not in str(Attendance.objects.first())
