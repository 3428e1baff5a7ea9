"""French as written in Québec (OQLF): "15 h 30" with non-breaking spaces, ISO short dates."""

from django.conf.locale.fr.formats import *  # noqa: F403

TIME_FORMAT = "G\xa0\\h\xa0i"  # 15 h 30 (and 9 h 05)
DATETIME_FORMAT = "j F Y, G\xa0\\h\xa0i"  # 23 novembre 2026, 15 h 30
SHORT_DATE_FORMAT = "Y-m-d"
# Dates are typed as they are shown (2026-12-09); the usual French forms are still understood.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d.%m.%Y"]
SHORT_DATETIME_FORMAT = "Y-m-d G\xa0\\h\xa0i"
FIRST_DAY_OF_WEEK = 0  # calendars in Québec start on Sunday
