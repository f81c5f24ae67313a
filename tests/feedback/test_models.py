import pytest
from django.db import IntegrityError, transaction

from tests.factories import ResponseFactory

pytestmark = pytest.mark.django_db


def test_a_rating_is_one_to_five_and_the_database_refuses_anything_else():
    for rating in (0, 6):
        with pytest.raises(IntegrityError), transaction.atomic():
            ResponseFactory(rating=rating)
    assert ResponseFactory(rating=5).rating == 5


def test_a_registrant_answers_the_survey_once():
    response = ResponseFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ResponseFactory(registration=response.registration, survey=response.survey)
    assert str(response) == f"response {response.pk}"
