"""Personal pages must not be kept by browsers or shared caches, and an idle session ends."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.http import HttpResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import ngettext

PERSONAL_PREFIXES = ("/calendrier/",)  # personal calendar feeds, reached by a secret token


class NoStoreForPersonalPagesMiddleware:
    """`Cache-Control: no-store, private` on every response to a signed-in person and on every
    personal calendar feed, so a shared computer's back button or a proxy shows nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if self.is_personal(request) and "no-store" not in response.get("Cache-Control", ""):
            patch_cache_control(response, no_store=True, private=True)
        return response

    @staticmethod
    def is_personal(request) -> bool:
        if request.path.startswith(PERSONAL_PREFIXES):
            return True
        user = getattr(request, "user", None)
        if user is None:
            return False
        try:
            return bool(user.is_authenticated)
        except Exception:  # the session or the database is unreachable: do not cache either
            return True


# --- Idle sign-out ------------------------------------------------------------------------

LAST_SEEN = "idle_last_seen"
LIMIT = "idle_limit_seconds"
RESOLUTION = 60  # the last-seen time is written at most once a minute: no write per request


def idle_limit(user) -> int:
    """Coordinators see every family's data: 30 minutes; everyone else: 2 hours."""
    from programs.models import is_coordinator

    minutes = (
        settings.IDLE_SIGN_OUT_COORDINATOR_MINUTES
        if is_coordinator(user)
        else settings.IDLE_SIGN_OUT_MINUTES
    )
    return minutes * 60


@receiver(user_logged_in)
def _start_idle_clock(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN] = int(time.time())
        request.session[LIMIT] = idle_limit(user)


class IdleSignOutMiddleware:
    """Signs out a person inactive for longer than their limit; the next page they open asks
    them to sign in again and then brings them back to it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and LAST_SEEN in session and request.user.is_authenticated:
            now = int(time.time())
            limit = session.get(LIMIT) or idle_limit(request.user)
            if now - session[LAST_SEEN] > limit:
                return self.sign_out(request, limit)
            if now - session[LAST_SEEN] >= RESOLUTION:
                session[LAST_SEEN] = now
        return self.get_response(request)

    @staticmethod
    def sign_out(request, limit):
        logout(request)
        messages.info(
            request,
            ngettext(
                "You were signed out after %(minutes)d minute without activity. Sign in again "
                "to continue.",
                "You were signed out after %(minutes)d minutes without activity. Sign in again "
                "to continue.",
                limit // 60,
            )
            % {"minutes": limit // 60},
        )
        target = request.get_full_path() if request.method == "GET" else request.path
        response = redirect_to_login(target, reverse("accounts:login"))
        if request.headers.get("HX-Request"):  # a partial request: the whole page goes
            response = HttpResponse(status=204, headers={"HX-Redirect": response["Location"]})
        return response
