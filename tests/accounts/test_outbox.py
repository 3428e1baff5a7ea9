"""The outbox against a real SMTP server (aiosmtpd on a local port): what is refused for good,
what is tried again, a stalled server, the same Message-ID on every attempt, one-click
unsubscribe (RFC 8058)."""

import copy
import time
from datetime import timedelta
from email.header import decode_header, make_header

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts import outbox
from accounts.models import Notification, NotificationStatus
from accounts.services import notify_once
from tests.factories import UserFactory
from tests.smtp import Server, free_port, silent_server


@pytest.fixture
def smtp(settings):
    handler = Server()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 2
    yield handler
    controller.stop()


@pytest.fixture
def stalled(settings):
    """A server that accepts the connection and never says a word."""
    with silent_server() as port:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_TIMEOUT = 1
        yield


def message_for(user, key="pairing:1:proposed"):
    """A pairing-proposed message, recorded as an action records it."""
    return notify_once(user, key, "invitation_test", {})


@pytest.fixture(autouse=True)
def _a_simple_template(settings, tmp_path):
    """A message template of the tests' own: subject, text and HTML."""
    folder = tmp_path / "emails" / "invitation_test"
    folder.mkdir(parents=True)
    (folder / "subject.txt").write_text("Bonjour {{ user.full_name }} !")
    (folder / "body.txt").write_text("Un message pour {{ user.full_name }}.")
    (folder / "body.html").write_text("<p>Un message pour {{ user.full_name }}.</p>")
    templates = copy.deepcopy(settings.TEMPLATES)  # assigned, so the engines are rebuilt
    templates[0]["DIRS"] = [tmp_path, *templates[0]["DIRS"]]
    settings.TEMPLATES = templates


def test_a_message_is_recorded_with_its_action_and_rolls_back_with_it(db):
    user = UserFactory()

    @transaction.atomic
    def failing_action():
        message_for(user)
        raise RuntimeError("the action failed")

    with pytest.raises(RuntimeError):
        failing_action()
    assert not Notification.objects.exists()
    assert message_for(user)
    assert not message_for(user)  # one message per person and key
    assert Notification.objects.get().status == NotificationStatus.PENDING


def test_refused_messages_are_marked_and_never_block_the_others(smtp, db):
    people = [
        UserFactory(email="ana@unknown.example"),
        UserFactory(email="bob@refuse.example"),
        *(UserFactory(email=f"p{n}@exemple.qc.ca") for n in range(5)),
    ]
    for person in people:
        message_for(person)
    counts = outbox.send_due()
    assert counts["sent"] == 5
    assert counts["failed"] == 2
    assert len(smtp.received) == 5
    failed = Notification.objects.filter(status=NotificationStatus.FAILED)
    assert {n.user.email for n in failed} == {"ana@unknown.example", "bob@refuse.example"}
    assert {n.last_error.split(":")[0] for n in failed} == {
        "SMTPRecipientsRefused",
        "SMTPDataError",
    }
    assert outbox.send_due() == {"sent": 0, "failed": 0, "retry": 0, "skipped": 0}


def test_a_temporary_refusal_is_tried_again_later_with_the_same_message_id(smtp, db):
    user = UserFactory(email="carl@full.example", full_name="Carl D'Amours")
    message_for(user)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert outbox.send_due()["retry"] == 1
    waiting = Notification.objects.get()
    assert waiting.status == NotificationStatus.PENDING
    assert waiting.attempts == 1
    assert waiting.next_attempt_at == start + timedelta(minutes=1)
    assert "452" in waiting.last_error
    with time_machine.travel(start + timedelta(seconds=30), tick=False):
        assert outbox.send_due()["sent"] == 0  # not due yet
    user.email = "carl@exemple.qc.ca"  # the mailbox has room again
    user.save(update_fields=["email"])
    with time_machine.travel(start + timedelta(minutes=2), tick=False):
        assert outbox.send_due()["sent"] == 1
    (received,) = smtp.received
    assert received["Message-ID"] == waiting.message_id == outbox.message_id(user.pk, waiting.key)
    # French typography on the way out: a curly apostrophe, a non-breaking space before "!"
    assert str(make_header(decode_header(received["Subject"]))) == "Bonjour Carl D’Amours\u00a0!"


def test_after_six_temporary_refusals_the_message_is_given_up(smtp, db):
    message_for(UserFactory(email="dora@full.example"))
    moment = timezone.now()
    for _ in range(6):
        with time_machine.travel(moment, tick=False):
            outbox.send_due()
        moment += timedelta(hours=13)
    notification = Notification.objects.get()
    assert notification.status == NotificationStatus.FAILED
    assert notification.attempts == 6


def test_a_stalled_server_ends_the_batch_at_once_and_loses_nothing(stalled, db):
    for n in range(30):
        message_for(UserFactory(email=f"q{n}@exemple.qc.ca"))
    began = time.monotonic()
    counts = outbox.send_due()
    assert time.monotonic() - began < 5  # one timeout (1 s), not thirty
    assert counts == {"sent": 0, "failed": 0, "retry": 1, "skipped": 0}
    assert Notification.objects.filter(status=NotificationStatus.PENDING).count() == 30


def test_a_server_that_refuses_connections_ends_the_batch(settings, db):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1  # nothing listens
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    for n in range(3):
        message_for(UserFactory(email=f"r{n}@exemple.qc.ca"))
    assert outbox.send_due()["retry"] == 1
    assert Notification.objects.filter(status=NotificationStatus.PENDING).count() == 3


def test_a_sent_message_forgets_its_text_after_30_days(db):
    message_for(UserFactory())
    outbox.send_due()
    with time_machine.travel(timezone.now() + timedelta(days=31), tick=False):
        outbox.send_due()
    notification = Notification.objects.get()
    assert notification.status == NotificationStatus.SENT
    assert notification.text == notification.html == ""
    assert notification.key == "pairing:1:proposed"


# --- One-click unsubscribe --------------------------------------------------------------------


def test_a_reminder_carries_a_one_click_unsubscribe(db, client):
    user = UserFactory(language="en")
    notify_once(user, "meeting:1:reminder", "invitation_test", {}, reminder=True)
    outbox.send_due()
    headers = mail.outbox[0].message()
    link = headers["List-Unsubscribe"].strip("<>")
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/en/comptes/courriels/desabonnement/" in link
    path = link[link.index("/en/") :]
    assert "Stop the reminders" in client.get(path).content.decode()
    user.refresh_from_db()
    assert user.email_reminders  # a GET (a link preview) changes nothing
    # the mail client posts, without a session or a CSRF token
    strict = type(client)(enforce_csrf_checks=True)
    response = strict.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    user.refresh_from_db()
    assert not user.email_reminders


def test_a_forged_unsubscribe_link_changes_nothing(db, client):
    user = UserFactory()
    token = outbox.unsubscribe_token(user)
    response = client.post(reverse("accounts:unsubscribe", args=[token[:-2] + "xx"]))
    assert response.status_code == 404
    assert "n’est pas valide" in response.content.decode()
    user.refresh_from_db()
    assert user.email_reminders


def test_a_person_turns_reminders_off_and_on_in_my_emails(client, marc):
    client.force_login(marc)
    url = reverse("accounts:email_preferences")
    page = client.get(url).content.decode()
    assert "Mes courriels" in page
    assert "checked" in page
    client.post(url, {})
    marc.refresh_from_db()
    assert not marc.email_reminders
    client.post(url, {"email_reminders": "on"})
    marc.refresh_from_db()
    assert marc.email_reminders


def test_my_emails_needs_sign_in(client, db):
    response = client.get(reverse("accounts:email_preferences"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
