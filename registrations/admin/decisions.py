"""A registration's history on its admin page: each decision, who took it and when, oldest first.

A read-only field rather than an inline: nothing to post back, and it stands beside the status.
"""

from django.contrib import admin
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime


class DecisionHistory:
    """The RegistrationAdmin's "History" field (add "history" to its readonly_fields)."""

    @admin.display(description="History")
    def history(self, registration):
        decisions = registration.decisions.select_related("user")
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (d.get_outcome_display(), d.who, date_format(localtime(d.at), "DATETIME_FORMAT"))
                for d in decisions
            ),
        )
        if not rows:
            return "No decision yet."
        return format_html(
            '<table class="decision-history"><thead><tr><th scope="col">Decision</th>'
            '<th scope="col">By</th><th scope="col">When</th></tr></thead><tbody>{}</tbody></table>',
            rows,
        )
