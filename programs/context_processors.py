from django.utils.functional import SimpleLazyObject

from programs.models import is_coordinator


def navigation(request):
    """Whether the header offers the coordination home (one query, only when shown)."""
    user = getattr(request, "user", None)
    return {"nav_coordinator": SimpleLazyObject(lambda: bool(user and is_coordinator(user)))}
