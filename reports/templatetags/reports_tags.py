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


@register.filter
def dimensions(meeting) -> str:
    """The dimensions a meeting's log addressed, in words, separated by commas; "–" for none."""
    from django.core.exceptions import ObjectDoesNotExist
    from django.utils.translation import gettext as _

    try:
        log = meeting.log
    except ObjectDoesNotExist:
        return "–"
    names = [
        label
        for addressed, label in (
            (log.academic, _("academic")),
            (log.professional, _("professional")),
            (log.personal, _("personal or well-being")),
        )
        if addressed
    ]
    return ", ".join(names) or "–"
