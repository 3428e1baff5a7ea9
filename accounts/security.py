"""Sign-in protection: who a failed attempt counts against, and unlocking an account."""

from axes.utils import reset


def sign_in_username(request, credentials) -> str:
    """The e-mail typed at sign-in, as the account is found (case and spaces ignored), so
    `Claire@…` and `claire@…` count as one account."""
    username = (credentials or {}).get("username") or request.POST.get("username") or ""
    return username.strip().lower()


def unlock(email: str) -> int:
    """Forget the failed sign-ins of this account (from every address); returns how many
    records were removed."""
    return reset(username=email.strip().lower()) or 0


# Requests that send an e-mail to an address typed by anyone (password reset, new invitation
# link): at most 5 an hour for one address and 20 an hour from one network address, counted in
# the shared cache (Redis in production) by django-ratelimit. The page answers the same whether
# the account exists or not.
MAIL_REQUESTS_PER_ADDRESS = "5/h"
MAIL_REQUESTS_PER_CLIENT = "20/h"


def posted_email(group, request) -> str:
    return request.POST.get("email", "").strip().lower()


def sign_ins_per_client(group, request) -> str:
    """Sign-in attempts from one network address: enough for a whole school signing in at
    once, not for trying a list of stolen passwords (settings.SIGN_INS_PER_CLIENT)."""
    from django.conf import settings

    return settings.SIGN_INS_PER_CLIENT
