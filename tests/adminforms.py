"""Posting admin forms as a browser would: every field as the page shows it."""

from django import forms


def form_data(response):
    """The data an unchanged submit of an admin add/change page would post."""
    assert response.status_code == 200, response.status_code
    data = {}
    bound_forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        bound_forms += formset.forms
    for form in bound_forms:
        for field in form:
            _put(data, field)
    return data


def _put(data, field):
    value = field.value()
    widget = field.field.widget
    if isinstance(field.field, forms.FileField):
        return
    if isinstance(widget, forms.MultiWidget):
        for index, part in enumerate(widget.decompress(value)):
            data[f"{field.html_name}_{index}"] = "" if part is None else part
    elif isinstance(value, bool):
        if value:
            data[field.html_name] = "on"
    elif isinstance(value, list | tuple):
        data[field.html_name] = [str(v) for v in value]
    else:
        data[field.html_name] = "" if value is None else value
