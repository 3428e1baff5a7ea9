"""{% load typography %}: `text|typo`, `moment|when` (date and time), `moment|at` (time)."""

import html

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeData

from mentorat import typography

register = template.Library()


@register.filter
def typo(value):
    """French typography for assembled text (elision, apostrophes, spaces); none in English.
    Plain text in, escaped text out (an already escaped sentence is read back first)."""
    text = html.unescape(str(value)) if isinstance(value, SafeData) else str(value)
    return escape(typography.typo(text))


@register.filter
def when(moment):
    return typography.datetime_text(moment) if moment else ""


@register.filter
def at(moment):
    return typography.time_text(moment) if moment else ""
