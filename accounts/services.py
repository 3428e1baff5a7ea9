"""The accounts API used by views, admin actions, tasks and commands."""

from django.db import transaction
from django.utils import timezone, translation

from accounts import outbox, tasks
from accounts.models import Invitation, User
from mentorat.mail import absolute_url, send_templated


class InvitationError(Exception):
    pass


def get_or_create_person(email: str, full_name: str, language: str = "fr") -> tuple[User, bool]:
    """Find a person by e-mail (case-insensitive) or create one without a usable password."""
    email = User.objects.normalize_email(email).strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user:
        return user, False
    return User.objects.create_user(email=email, full_name=full_name, language=language), True


@transaction.atomic
def invite(user: User, invited_by: User | None = None) -> Invitation:
    """Revoke the person's pending invitations and queue a fresh one, sent after commit."""
    now = timezone.now()
    Invitation.objects.filter(user=user, used_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=now
    )
    invitation = Invitation.objects.create(
        user=user, invited_by=invited_by, expires_at=Invitation.default_expiry()
    )
    tasks.send_invitation.delay_on_commit(invitation.pk)
    return invitation


@transaction.atomic
def send_invitation(invitation_id: int) -> bool:
    """Send an invitation once: the row is locked and marked sent in the transaction that sends.

    Returns False when there is nothing to send (already sent, used or revoked)."""
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("user", "invited_by")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None or invitation.sent_at or not invitation.is_usable:
        return False
    token = invitation.new_token()
    invitation.sent_at = timezone.now()
    invitation.save(update_fields=["token_hash", "sent_at"])
    user = invitation.user
    with translation.override(user.language):
        url = absolute_url(Invitation.accept_path(token))
    send_templated(
        "invitation",
        user,
        {"invitation": invitation, "accept_url": url, "invited_by": invitation.invited_by},
    )
    return True


def find_invitation(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("user")
        .filter(token_hash=Invitation.hash_token(token))
        .exclude(token_hash="")
        .first()
    )


@transaction.atomic
def accept_invitation(invitation_id: int, password: str) -> User:
    invitation = Invitation.objects.select_for_update().select_related("user").get(pk=invitation_id)
    if not invitation.is_usable:
        raise InvitationError(invitation)
    user = invitation.user
    user.set_password(password)
    user.is_active = True
    user.save(update_fields=["password", "is_active"])
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    return user


def reinvite_for_expired(invitation: Invitation) -> Invitation | None:
    """A fresh invitation for the owner of an expired link, unless they already set a password."""
    if invitation.used_at or not invitation.user.is_active or invitation.user.has_usable_password():
        return None
    return invite(invitation.user, invited_by=invitation.invited_by)


def reinvite_by_email(email: str) -> Invitation | None:
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None or user.has_usable_password():
        return None
    return invite(user, invited_by=None)


def notify_once(
    user: User, key: str, template: str, context: dict, reminder: bool = False, enqueue=True
) -> bool:
    """Record `template` for `user` in the outbox unless a message with this key exists; it is
    sent after the commit (accounts.outbox). Returns whether a message was recorded."""
    return outbox.record(user, key, template, context, reminder=reminder, enqueue=enqueue)
