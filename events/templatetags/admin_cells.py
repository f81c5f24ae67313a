"""For the admin's tabular inline (templates/admin/edit_inline/tabular.html)."""

from django import template

register = template.Library()


@register.filter
def labelled(bound_field):
    """The field's box, named by the field's label: in a table cell it has no <label> of its own."""
    return bound_field.as_widget(attrs={"aria-label": bound_field.label})
