"""Site-wide error views: server errors (500, or 503 when the database is down) and CSRF
failures, rendered with the site's own translated pages."""

import sys

from django.db.utils import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext

RETRY_AFTER_SECONDS = 30


def server_error(request):
    """handler500: 503 with Retry-After when the database is unreachable, else 500. The
    templates are standalone (no `user`, no database): a plain-text page if they still fail."""
    error = sys.exc_info()[1]
    unavailable = isinstance(error, OperationalError | InterfaceError)
    status = 503 if unavailable else 500
    try:
        response = render(request, f"{status}.html", status=status)
    except Exception:
        if unavailable:
            text = gettext("The service is temporarily unavailable. Please try again shortly.")
        else:
            text = gettext("Something went wrong on our side. Please try again later.")
        response = HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")
    if unavailable:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: usually a form left open too long; the site's 403 page says so."""
    return render(request, "403.html", {"csrf_failure": True}, status=403)
