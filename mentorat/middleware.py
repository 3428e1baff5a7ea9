"""Personal pages must not be kept by browsers or shared caches."""

from django.utils.cache import patch_cache_control

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
