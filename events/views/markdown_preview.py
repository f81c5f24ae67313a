"""The admin's live preview of organisers' Markdown (static/js/admin-markdown-preview.js asks it).

Served only inside the admin (cmr_site/admin_site.py wraps it in admin_view:
staff only, CSRF checked), it renders with the very function that fills the
*_html fields at save, so the preview is what the page will show.
"""

from django import forms
from django.http import HttpResponseBadRequest, JsonResponse
from django.views.decorators.http import require_POST

from common.text import render_markdown

from ..models.fields import MARKDOWN_MAX_LENGTH


class PreviewForm(forms.Form):
    # The field's own limit: longer text could never be saved anyway.
    text = forms.CharField(max_length=MARKDOWN_MAX_LENGTH, required=False, strip=False)


@require_POST
def markdown_preview(request):
    form = PreviewForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(f"At most {MARKDOWN_MAX_LENGTH:,} characters can be previewed.")
    return JsonResponse({"html": render_markdown(form.cleaned_data["text"])})
