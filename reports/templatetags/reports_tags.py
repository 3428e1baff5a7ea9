from django import template

register = template.Library()


@register.filter
def progress_step(value) -> int:
    """A percentage rounded to the nearest 5, for the `.progress-w-N` classes of site.css (the
    Content-Security-Policy allows no inline style)."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 0
    return max(0, min(100, 5 * round(number / 5)))
