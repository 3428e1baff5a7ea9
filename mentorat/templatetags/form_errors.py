"""{% load form_errors %}: `form|error_links` for the error summary (templates/includes)."""

from django import forms, template

register = template.Library()


@register.filter
def error_links(form):
    """(anchor, label, message) for each error of a visible field, in the form's order; the
    anchor is the field's first input (the first choice of a set of radios or boxes)."""
    found = []
    for field in form:
        if field.is_hidden:
            continue
        widget = field.field.widget
        several = isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple)
        anchor = f"{field.auto_id}_0" if several else field.auto_id
        found.extend((anchor, field.label, error) for error in field.errors)
    return found
