"""Plausible ranges for dates typed in forms: a clear message instead of a date in year 25, a
pause until 2099, or an OverflowError on 0001-01-01 or 9999-12-31."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _

EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)


def check_date_between(value, earliest=EARLIEST, latest=LATEST):
    if value is None:
        return
    day = value.date() if hasattr(value, "date") and callable(value.date) else value
    if not earliest <= day <= latest:
        raise ValidationError(
            _("Enter a date between %(earliest)s and %(latest)s.")
            % {
                "earliest": date_format(earliest, "DATE_FORMAT"),
                "latest": date_format(latest, "DATE_FORMAT"),
            },
            code="date_range",
        )


def plausible_date(value):
    """Any date a person may type: 1900 to 2100."""
    check_date_between(value)
