"""The answer page: one response per person, editable until the survey closes, then read-only;
only for attendees with their own link."""

import re

import pytest
from django.core import signing

from feedback.models import Response, ResponseAnswer, answer_url
from tests.factories import RegistrationFactory

from .conftest import AFTER, CLOSED, DURING, answers, attendee

pytestmark = pytest.mark.django_db


@pytest.fixture
def after(time_machine):
    time_machine.move_to(AFTER, tick=False)


def test_the_blank_page_names_the_edition_and_asks_the_rating_as_a_labelled_radio_group(client, ana, after):
    page = client.get(answer_url(ana))
    html = page.content.decode()
    assert page.status_code == 200
    assert page["Cache-Control"].startswith("max-age=0")
    assert ana.edition.title in html and "Two minutes, to plan the next ones." in html
    assert "<legend>Overall, how was the event?</legend>" in html
    labels = re.findall(r'<input type="radio" name="rating" value="(\d)"[^>]*>\s*([^<]+)</label>', html)
    assert labels == [
        ("1", "1 Poor"),
        ("2", "2 Fair"),
        ("3", "3 Good"),
        ("4", "4 Very good"),
        ("5", "5 Excellent"),
    ]
    assert "Which session helped most?" in html and "What was best? (optional)" in html
    assert "Send my answers" in html


def test_a_form_with_errors_says_so_in_the_summary_and_stores_nothing(client, ana, after):
    page = client.post(answer_url(ana), answers(ana.edition.survey, rating="", session=""))
    html = page.content.decode()
    assert page.status_code == 400
    assert "2 things to correct" in html
    assert "Overall rating: Please choose a rating from 1 (poor) to 5 (excellent)." in html
    assert not Response.objects.exists()


def test_a_second_post_edits_the_one_response_and_never_adds_another(client, ana, after):
    survey = ana.edition.survey
    url = answer_url(ana)
    first = client.post(
        url, answers(survey, rating=3, best="The visits", keep=["Coffee", "Dinner"], again=True)
    )
    assert first.status_code == 302 and first.url == f"{url}?done=saved"
    page = client.get(first.url).content.decode()
    assert "Thank you: your answers are saved. You can change them until 25 March 2026." in page
    assert "Save my changes" in page and "The visits" in page

    client.post(url, answers(survey, rating=5, best="The people", keep=["Workshops"], again=False))
    client.post(url, answers(survey, rating=5, best="The people", keep=["Workshops"], again=False))

    response = Response.objects.get()
    assert response.registration == ana and response.rating == 5
    by_question = {a.question.label: a.display for a in response.answers.all()}
    assert by_question == {
        "What was best?": "The people",
        "Which session helped most?": "Site visit",
        "What should we keep?": "Workshops",
        "Would you come again?": "No",
    }
    assert ResponseAnswer.objects.count() == 4


def test_after_closes_on_the_page_shows_the_answers_read_only_and_refuses_changes(client, ana, time_machine):
    time_machine.move_to(AFTER, tick=False)
    url = answer_url(ana)
    client.post(url, answers(ana.edition.survey, rating=2, best="Shorter talks"))
    time_machine.move_to(CLOSED, tick=False)

    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "The survey closed on 25 March 2026: your answers stay as you gave them." in html
    assert "2 out of 5: Fair" in html and "Shorter talks" in html
    assert "<form" not in html.split("<main", 1)[-1].split("</main>")[0]
    refused = client.post(url, answers(ana.edition.survey, rating=5))
    assert refused.status_code == 409
    assert Response.objects.get().rating == 2


def test_the_last_day_is_judged_in_the_venues_zone(client, ana, time_machine):
    # 25 March 2026, 23:30 in Brussels (CET, UTC+1) is still the last day there.
    time_machine.move_to("2026-03-25T22:30:00+00:00", tick=False)
    assert "Send my answers" in client.get(answer_url(ana)).content.decode()
    time_machine.move_to("2026-03-25T23:00:00+00:00", tick=False)
    assert "The survey closed" in client.get(answer_url(ana)).content.decode()


def test_a_forged_or_another_links_token_is_refused_and_a_person_who_did_not_attend_gets_404(
    client, ana, after
):
    token = answer_url(ana).split("/")[-2]
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert client.get(f"/feedback/{forged}/").status_code == 404
    assert "This link is not valid" in client.get(f"/feedback/{forged}/").content.decode()
    # The registrant's own page's token is signed for another purpose.
    manage_token = ana.manage_url().split("/")[-2]
    assert client.get(f"/feedback/{manage_token}/").status_code == 404
    unsigned = signing.Signer(salt="something.else").sign(ana.link_key)
    assert client.post(f"/feedback/{unsigned}/", answers(ana.edition.survey)).status_code == 404

    absent = RegistrationFactory(edition=ana.edition)
    assert client.get(answer_url(absent)).status_code == 404
    assert client.post(answer_url(absent), answers(ana.edition.survey)).status_code == 404
    assert not Response.objects.exists()


def test_the_page_opens_only_once_the_edition_is_over(client, ana, time_machine):
    time_machine.move_to(DURING, tick=False)
    assert client.get(answer_url(ana)).status_code == 404


def test_the_own_page_invites_while_open_then_thanks_with_the_last_day(client, survey, after):
    bo = attendee(survey, name="Bo", email="bo@example.org")
    own = client.get(bo.manage_url()).content.decode()
    assert "Tell us what you thought" in own and answer_url(bo) in own
    client.post(answer_url(bo), answers(survey))
    own = client.get(bo.manage_url()).content.decode()
    assert "Thank you, you can change your answers until 25 March 2026." in own
    assert "Tell us what you thought" not in own

    absent = RegistrationFactory(edition=survey.edition)
    assert "Your feedback" not in client.get(absent.manage_url()).content.decode()


def test_nothing_public_shows_the_answers(client, ana, after):
    client.post(answer_url(ana), answers(ana.edition.survey, best="A secret remark"))
    for url in ("/", ana.edition.get_absolute_url(), "/editions/", "/sitemap.xml"):
        assert "A secret remark" not in client.get(url).content.decode()
