"""Django's admin words a coordinator would not use, given the site's own wording: this
project's catalogues come first (LOCALE_PATHS), so these entries replace Django's there."""

from django.utils.translation import gettext_noop

ADMIN_WORDS = [
    gettext_noop("Home"),  # the breadcrumbs' first step: "Coordination"
    gettext_noop("Show counts"),
    gettext_noop("Hide counts"),
    gettext_noop("Save and add another"),
    gettext_noop("Save and continue editing"),
]
