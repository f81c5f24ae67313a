"""Organisers' Markdown, and the sanitised HTML rendered from it when a row is saved.

Pages, feeds and structured data read the stored HTML: a page view never runs
the Markdown parser, so no text an organiser writes can make visitors wait.
"""

from django.db import models
from django.utils.safestring import mark_safe

from common.text import render_markdown

# Enough for a long programme description (about 8,000 words); markdown-it-py
# renders the worst inputs of this length in well under a second.
MARKDOWN_MAX_LENGTH = 50_000


class MarkdownField(models.TextField):
    """Markdown of a bounded length: the admin's form refuses longer text with a message."""

    def __init__(self, *args, max_length=MARKDOWN_MAX_LENGTH, **kwargs):
        kwargs.setdefault("blank", True)
        kwargs.setdefault("help_text", f"Markdown, at most {max_length:,} characters.")
        super().__init__(*args, max_length=max_length, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        # Django leaves out blank=False, its default; here the default is True, so say it.
        if not self.blank:
            kwargs["blank"] = False
        return name, path, args, kwargs


class RenderedMarkdownField(models.TextField):
    """The sanitised HTML of the Markdown in `source`, rendered on every save.

    Read back as safe HTML: it is only ever written by this field, after nh3.
    """

    def __init__(self, source, **kwargs):
        self.source = source
        kwargs.setdefault("blank", True)
        kwargs.setdefault("editable", False)
        super().__init__(**kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("blank", None)
        kwargs.pop("editable", None)
        return name, path, [self.source, *args], kwargs

    def pre_save(self, model_instance, add):
        html = render_markdown(getattr(model_instance, self.source))
        setattr(model_instance, self.attname, html)
        return html

    def from_db_value(self, value, expression, connection):
        return mark_safe(value)  # noqa: S308 - rendered and sanitised by pre_save
