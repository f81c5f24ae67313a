"""A survey's results as the admin shows them and exports them: counts, the average, the texts.

Nothing here names a person: the figures count responses, the texts are listed without their
writers, and the CSV numbers each response instead of naming it.
"""

import csv
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q

from common.text import spreadsheet_safe
from registrations.models import Registration
from registrations.models.questions import QuestionKind

from .models import RATING_WORDS, RATINGS, Response, ResponseAnswer, SurveyChoice


@dataclass
class Tally:
    label: str
    count: int


@dataclass
class QuestionResult:
    question: object
    counts: list = field(default_factory=list)  # choices and yes/no: Tally each
    texts: list = field(default_factory=list)  # free text, oldest first

    @property
    def answered(self):
        return sum(c.count for c in self.counts) if self.counts else len(self.texts)


@dataclass
class Results:
    attendees: int
    responses: int
    average: float | None
    ratings: list
    questions: list

    @property
    def rate(self):
        """The response rate in per cent, or None before anyone attended."""
        return round(100 * self.responses / self.attendees) if self.attendees else None


def attendee_count(edition):
    # Anonymised attendees still count: the rate stays what it was once their names are gone.
    return Registration.objects.filter(edition=edition, attendances__isnull=False).distinct().count()


def results(survey):
    responses = Response.objects.filter(survey=survey)
    summary = responses.aggregate(total=Count("pk"), average=Avg("rating"))
    by_rating = dict(responses.values_list("rating").annotate(n=Count("pk")).order_by())
    ratings = [Tally(f"{n} {RATING_WORDS[n]}", by_rating.get(n, 0)) for n in RATINGS]
    average = round(summary["average"], 1) if summary["average"] is not None else None
    questions = [_question(q) for q in survey.questions.all()]
    return Results(attendee_count(survey.edition), summary["total"], average, ratings, questions)


def _question(question):
    answers = ResponseAnswer.objects.filter(question=question)
    if question.has_choices:
        choices = SurveyChoice.objects.filter(question=question).annotate(n=Count("chosen"))
        return QuestionResult(question, counts=[Tally(c.label, c.n) for c in choices])
    if question.kind == QuestionKind.YES_NO:
        said = answers.aggregate(yes_=Count("pk", filter=Q(yes=True)), no_=Count("pk", filter=Q(yes=False)))
        return QuestionResult(question, counts=[Tally("Yes", said["yes_"]), Tally("No", said["no_"])])
    texts = answers.exclude(text="").order_by("response__submitted_at", "pk").values_list("text", flat=True)
    return QuestionResult(question, texts=list(texts))


def write_csv(survey, out):
    """One row per response: its number, the day it was last saved, the rating, then each answer.

    Numbered in the order given, never by name, e-mail or registration: the file may travel.
    """
    questions = list(survey.questions.all())
    writer = csv.writer(out, lineterminator="\r\n")
    headings = ["response", "saved on", "overall rating", *(q.label for q in questions)]
    writer.writerow(map(spreadsheet_safe, headings))
    rows = (
        Response.objects.filter(survey=survey)
        .prefetch_related("answers__choices")
        .order_by("submitted_at", "pk")
    )
    for number, response in enumerate(rows, start=1):
        given = {a.question_id: a.display for a in response.answers.all()}
        cells = [number, response.updated_at.date().isoformat(), response.rating]
        writer.writerow(map(spreadsheet_safe, [*cells, *(given.get(q.pk, "") for q in questions)]))
