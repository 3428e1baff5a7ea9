"""The outbox: every notification e-mail goes through here.

1. `record()` writes the message, rendered in the recipient's language, under a unique
   (person, key) in the transaction of the action that causes it: if the action rolls back, so
   does the message; if it commits, the message exists even when the broker is down.
2. After the commit a task sends it (`send_one`); the beat task `send_due` sends whatever is
   still due every minute, so a message whose task was lost goes out anyway.
3. Sending locks the row, sends and marks it sent in one transaction. A refused recipient or
   message (5xx) is marked "not delivered" and never blocks the others; a temporary refusal (4xx)
   or an unreachable server is tried again later (1, 5, 30 minutes, 2 and 12 hours, then given
   up). A worker killed after the server accepted the message and before the commit sends it
   again with the same Message-ID, which mail clients show once.
"""

import hashlib
import logging
from datetime import timedelta
from smtplib import (
    SMTPConnectError,
    SMTPException,
    SMTPResponseException,
    SMTPServerDisconnected,
)
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, connection, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import Notification, NotificationStatus
from mentorat.mail import absolute_url, one_line, render_plain
from mentorat.typography import typo

logger = logging.getLogger(__name__)

BACKOFF_MINUTES = (1, 5, 30, 120, 720)
BODIES_KEPT_DAYS = 30  # then a sent message keeps its key and dates, not its text
UNSUBSCRIBE_SALT = "mentorat.unsubscribe.reminders"


class ServerUnavailable(Exception):
    """The mail server itself is down or stalled: the rest of a batch would wait the same."""


# --- Recording --------------------------------------------------------------------------------


def message_id(user_id: int, key: str) -> str:
    """The same Message-ID for every attempt at one message (RFC 5322 §3.6.4)."""
    digest = hashlib.sha256(f"{user_id}:{key}".encode()).hexdigest()[:32]
    domain = urlsplit(settings.SITE_URL).hostname or "mentorat.local"
    return f"<{digest}@{domain}>"


def unsubscribe_token(user) -> str:
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT, compress=True)


def user_for_unsubscribe_token(token: str):
    from accounts.models import User

    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return User.without_password.filter(pk=pk).first()  # their e-mail choices only


def render(template: str, user, context: dict) -> tuple[str, str, str]:
    """Subject, text and HTML of templates/emails/<template>/, in the recipient's language."""
    context = {"user": user, "site_url": settings.SITE_URL, **context}
    language = getattr(user, "language", None) or settings.LANGUAGE_CODE
    with translation.override(language):
        subject = one_line(render_plain(f"emails/{template}/subject.txt", context))
        text = render_plain(f"emails/{template}/body.txt", context)
        html = render_to_string(f"emails/{template}/body.html", context)
    # names and titles put into sentences: "d’Élodie", spaces before « : ; ? ! » (French)
    return typo(subject, language), typo(text, language), typo(html, language)


def record(
    user, key: str, template: str, context: dict, *, reminder: bool = False, enqueue: bool = True
) -> bool:
    """Put the message in the outbox unless this person already has one under `key`, and (with
    `enqueue`) send it after the commit; a beat task that sends itself passes False. A reminder
    carries a one-click unsubscribe (RFC 8058). Returns whether a message was recorded."""
    if Notification.objects.filter(user=user, key=key).exists():
        return False
    unsubscribe = ""
    if reminder:
        with translation.override(user.language or settings.LANGUAGE_CODE):
            path = reverse("accounts:unsubscribe", kwargs={"token": unsubscribe_token(user)})
        unsubscribe = absolute_url(path)
        context = {**context, "unsubscribe_url": unsubscribe}
    subject, text, html = render(template, user, context)
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                user=user,
                key=key,
                subject=subject[:300],
                text=text,
                html=html,
                message_id=message_id(user.pk, key),
                unsubscribe_url=unsubscribe,
            )
    except IntegrityError:  # a concurrent action recorded it first
        return False
    if enqueue:
        from accounts import tasks

        tasks.send_notification.delay_on_commit(notification.pk)
    return True


# --- Sending ----------------------------------------------------------------------------------


def _message(notification: Notification) -> EmailMultiAlternatives:
    headers = {"Message-ID": notification.message_id}
    if notification.unsubscribe_url:
        headers["List-Unsubscribe"] = f"<{notification.unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(
        subject=notification.subject,
        body=notification.text,
        to=[notification.user.email],
        headers=headers,
    )
    if notification.html:
        message.attach_alternative(notification.html, "text/html")
    return message


def _permanent(error: SMTPException) -> bool:
    """5xx answers (unknown recipient, message refused) will not change on a retry; 4xx will.
    A refusal of every recipient carries its codes per address."""
    if isinstance(error, SMTPResponseException):
        return error.smtp_code >= 500
    recipients = getattr(error, "recipients", None)
    if recipients:
        return all(code >= 500 for code, _ in recipients.values())
    return False


def _retry_later(notification: Notification, error: Exception, now) -> None:
    notification.attempts += 1
    notification.last_error = f"{type(error).__name__}: {error}"[:300]
    if notification.attempts > len(BACKOFF_MINUTES):
        notification.status = NotificationStatus.FAILED
    else:
        delay = BACKOFF_MINUTES[notification.attempts - 1]
        notification.next_attempt_at = now + timedelta(minutes=delay)
    notification.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])


def send_one(notification_id: int) -> str:
    """Send one due message: "sent", "failed", "retry", or "skipped" (not due, already sent, or
    being sent by another worker). Raises ServerUnavailable when the server is unreachable."""
    now = timezone.now()
    with transaction.atomic():
        locked = Notification.objects.select_related("user").filter(pk=notification_id)
        if connection.features.has_select_for_update_skip_locked:
            locked = locked.select_for_update(skip_locked=True, of=("self",))
        notification = locked.due(now).first()
        if notification is None:
            return "skipped"
        user = notification.user
        if not (user.is_active and user.email):
            notification.status = NotificationStatus.FAILED
            notification.last_error = "no active recipient"
            notification.save(update_fields=["status", "last_error"])
            return "failed"
        try:
            _message(notification).send()
        except (SMTPServerDisconnected, SMTPConnectError, TimeoutError) as error:
            _retry_later(notification, error, now)
            outcome = ServerUnavailable(str(error))
        except SMTPException as error:
            if _permanent(error):
                notification.status = NotificationStatus.FAILED
                notification.attempts += 1
                notification.last_error = f"{type(error).__name__}: {error}"[:300]
                notification.save(update_fields=["status", "attempts", "last_error"])
                logger.warning("Notification %s refused for good: %s", notification.key, error)
                return "failed"
            _retry_later(notification, error, now)
            return "retry"
        except OSError as error:  # connection refused, network unreachable
            _retry_later(notification, error, now)
            outcome = ServerUnavailable(str(error))
        else:
            notification.status = NotificationStatus.SENT
            notification.sent_at = timezone.now()
            notification.attempts += 1
            notification.save(update_fields=["status", "sent_at", "attempts"])
            return "sent"
    logger.warning("Mail server unavailable; notification %s waits", notification_id)
    raise outcome


def send_due(limit: int = 500) -> dict[str, int]:
    """Beat: send what is due, oldest first; an unreachable server ends the batch (the rest
    would wait the same timeout). Also forgets the text of messages sent long ago."""
    counts = {"sent": 0, "failed": 0, "retry": 0, "skipped": 0}
    ids = list(
        Notification.objects.due()
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    for pk in ids:
        try:
            counts[send_one(pk)] += 1
        except ServerUnavailable:
            counts["retry"] += 1
            break
    Notification.objects.filter(
        status=NotificationStatus.SENT,
        sent_at__lt=timezone.now() - timedelta(days=BODIES_KEPT_DAYS),
    ).exclude(text="", html="").update(text="", html="")
    return counts
