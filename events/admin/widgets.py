"""What organisers type into: Markdown with a live preview below it."""

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
            '<h3 class="markdown-preview-label">Preview, as the page will show it</h3>'
            '<div class="markdown-preview-body" aria-live="polite"></div></section>',
            textarea,
            reverse("admin:markdown-preview"),
        )


# For every admin with Markdown fields (formfield_overrides follows the field's class).
MARKDOWN_OVERRIDES = {MarkdownField: {"widget": MarkdownPreviewWidget}}
