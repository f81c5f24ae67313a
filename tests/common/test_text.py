"""Organisers' Markdown: bounded, rendered once when saved (events/models/fields.py, common/text.py)."""

import time

import pytest

from common.text import render_markdown, spreadsheet_safe
from events.models import CallForHosts, Edition, Series, Summary
from events.models.fields import MARKDOWN_MAX_LENGTH
from tests.adminforms import form_data
from tests.factories import CallForHostsFactory, EditionFactory, SummaryFactory

# Inputs that make backtracking Markdown parsers quadratic or worse, each at the
# longest length the admin accepts.
PATHOLOGICAL = {
    "open brackets": "[" * MARKDOWN_MAX_LENGTH,
    "nested brackets": "[" * (MARKDOWN_MAX_LENGTH // 2) + "]" * (MARKDOWN_MAX_LENGTH // 2),
    "unclosed links": ("[a](" * MARKDOWN_MAX_LENGTH)[:MARKDOWN_MAX_LENGTH],
    "open parentheses": "[x](" + "(" * (MARKDOWN_MAX_LENGTH - 4),
    "emphasis runs": ("*a _b " * MARKDOWN_MAX_LENGTH)[:MARKDOWN_MAX_LENGTH],
    "long table": ("|a|b|c|\n|-|-|-|\n" + "|x|y|z|\n" * MARKDOWN_MAX_LENGTH)[:MARKDOWN_MAX_LENGTH],
    "deep quotes": ">" * MARKDOWN_MAX_LENGTH,
    "angle links": ("[a](<" * MARKDOWN_MAX_LENGTH)[:MARKDOWN_MAX_LENGTH],
}


def cpu_seconds(text):
    """The least CPU time of three renders: CPU, not the wall clock, which other work stretches."""
    times = []
    for _ in range(3):
        started = time.process_time()
        render_markdown(text)
        times.append(time.process_time() - started)
    return min(times)


@pytest.mark.slow  # seconds of CPU on purpose: the longest inputs, three renders each
@pytest.mark.parametrize("name", PATHOLOGICAL.keys())
def test_pathological_markdown_of_the_longest_allowed_length_renders_in_less_than_quadratic_time(name):
    # The longest input against a quarter of it, as the same kind of text: a quadratic parser takes
    # sixteen times as long, markdown-it-py four to eight times (measured). A ratio, not seconds, so
    # a slower or busier machine changes nothing; and the whole render stays within seconds of CPU.
    quarter = PATHOLOGICAL[name][: MARKDOWN_MAX_LENGTH // 4]
    full, part = cpu_seconds(PATHOLOGICAL[name]), cpu_seconds(quarter)
    assert full < 12 * max(part, 0.005), f"{full:.3f} s against {part:.3f} s for a quarter"
    assert full < 5


@pytest.mark.django_db
def test_markdown_is_rendered_and_sanitised_when_the_row_is_saved():
    edition = EditionFactory(description="**Bold** <script>alert(1)</script>")
    assert edition.description_html == "<p><strong>Bold</strong> </p>\n"
    edition.description = "## Programme"
    edition.save()
    assert Edition.objects.get(pk=edition.pk).description_html == "<h2>Programme</h2>\n"


@pytest.mark.django_db
def test_a_page_view_never_runs_the_markdown_parser(client, monkeypatch, at):
    at(2024, 11, 1, 12, 0)
    edition = EditionFactory(description="About **this** edition.")
    edition.series.description = "The *series*."
    edition.series.save()
    SummaryFactory(edition=edition, body="We *met*.")
    CallForHostsFactory(text="Regions *may* apply.")

    def refuse(*args, **kwargs):
        raise AssertionError("Markdown rendered during a request")

    monkeypatch.setattr("common.text._MARKDOWN.render", refuse)
    for url in ["/", edition.get_absolute_url(), edition.summary.get_absolute_url(), "/feeds/editions/"]:
        response = client.get(url)
        assert response.status_code == 200, url
    assert "About <strong>this</strong> edition." in client.get(edition.get_absolute_url()).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "field"),
    [(Edition, "description"), (Series, "description"), (Summary, "body"), (CallForHosts, "text")],
)
def test_the_admin_refuses_markdown_longer_than_the_limit_with_a_message(admin_client, model, field):
    obj = {
        Edition: EditionFactory,
        Series: lambda: EditionFactory().series,
        Summary: SummaryFactory,
        CallForHosts: CallForHostsFactory,
    }[model]()
    url = f"/admin/events/{model._meta.model_name}/{obj.pk}/change/"
    data = form_data(admin_client.get(url))
    data[field] = "x" * (MARKDOWN_MAX_LENGTH + 1)
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert f"Ensure this value has at most {MARKDOWN_MAX_LENGTH}" in response.content.decode()


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+SUM(A1)", "'+SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("\tTAB", "'\tTAB"),
        ("\rCR", "'\rCR"),
        ("Anna = Nowak", "Anna = Nowak"),
        ("", ""),
        (None, ""),
        (42, "42"),
    ],
)
def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_kept_as_text(value, cell):
    assert spreadsheet_safe(value) == cell
