"""What organisers type into: Markdown with a live preview below it, and long lists of choices."""

from django import forms
from django.contrib.admin.widgets import AdminTextareaWidget
from django.urls import reverse
from django.utils.html import format_html

from ..models.fields import MarkdownField


class MarkdownPreviewWidget(AdminTextareaWidget):
    """The admin's textarea, followed by the page's rendering of its Markdown.

    static/js/admin-markdown-preview.js fills the preview on load and as the
    organiser types, from the admin's markdown-preview view.
    """

    class Media:
        css = {"all": ["css/admin.css"]}
        js = ["js/admin-markdown-preview.js"]

    def render(self, name, value, attrs=None, renderer=None):
        textarea = super().render(name, value, attrs, renderer)
        return format_html(
            '{}<section class="markdown-preview" data-markdown-preview data-url="{}">'
            '<p class="markdown-preview-label">Preview, as the page will show it</p>'
            '<div class="markdown-preview-body" aria-live="polite"></div></section>',
            textarea,
            reverse("admin:markdown-preview"),
        )


# For every admin with Markdown fields (formfield_overrides follows the field's class).
MARKDOWN_OVERRIDES = {MarkdownField: {"widget": MarkdownPreviewWidget}}


class ColumnCheckboxes(forms.CheckboxSelectMultiple):
    """A long list of choices (themes) ticked in columns: it reads better than a multi-select box,
    and Django's two-box filter names its icons with attributes their role forbids (axe)."""

    class Media:
        css = {"all": ["css/admin.css"]}

    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "checkbox-columns", **(attrs or {})}, choices)
