"""Mail faults with a real worker: the broker stopped while a meeting is proposed, an SMTP server
that refuses one recipient at DATA, one that stalls. Once the fault clears, everything due is
delivered exactly once, nothing is lost, and the person who acted never saw an error.

The worker sends through a real SMTP server (aiosmtpd in this process, on a local port) and
runs the beat task as the scheduler would. Needs DATABASE_URL (PostgreSQL) and REDIS_URL, like
tests/test_worker.py: skipped without them, failed under REQUIRE_SERVICES=1."""

from collections import Counter
from contextlib import contextmanager
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.urls import reverse
from django.utils import timezone

from accounts.models import Notification, NotificationStatus
from accounts.services import notify_once
from accounts.tasks import send_due_notifications
from meetings.models import Meeting, MeetingStatus
from mentorat.celery import app as celery_app
from programs.models import ParticipantRole
from tests.factories import (
    CohortFactory,
    PairingFactory,
    ParticipantFactory,
    ProgramFactory,
    UserFactory,
)
from tests.smtp import Server, free_port, silent_server
from tests.workers import ready, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.services]


@pytest.fixture
def smtp():
    handler = Server()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield handler, controller.port
    controller.stop()


@pytest.fixture
def stalled():
    """A server that accepts connections and never says a word: its port."""
    with silent_server() as port:
        yield port


@contextmanager
def broker_down():
    """Publishing fails as with Redis stopped; the producer pool is rebuilt on each side."""
    previous = celery_app.conf.broker_url
    celery_app.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens there
    forget_connections()
    try:
        yield
    finally:
        celery_app.conf.broker_url = previous
        forget_connections()


def forget_connections():
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def a_message(person, meeting):
    """A message recorded as an action records it (queued after the commit)."""
    context = {"meeting": meeting, "actor": meeting.pairing.mentee.user, "url": "https://x"}
    return notify_once(person, "test:hello", "meeting_proposed", context)


def mail_env(port):
    return {"EMAIL_URL": f"smtp://127.0.0.1:{port}", "EMAIL_TIMEOUT": "2"}


def tick(worker):
    """One beat tick, run by the worker; waits until it has finished."""
    result = send_due_notifications.delay()
    assert wait_for(lambda: worker.succeeded(result.id) is not None, timeout=60), worker.output()
    return worker.succeeded(result.id)


def received_by(handler):
    return Counter(message["To"] for message in handler.received)


@pytest.fixture
def pair(transactional_db):
    cohort = CohortFactory(program=ProgramFactory())
    return PairingFactory(
        mentor=ParticipantFactory(cohort=cohort, role=ParticipantRole.MENTOR),
        mentee=ParticipantFactory(cohort=cohort, role=ParticipantRole.MENTEE),
    )


def test_broker_down_then_a_refused_recipient_everything_else_is_delivered_once(
    transactional_db, start_worker, worker_env, smtp, client, pair
):
    handler, port = smtp
    worker_env.update(mail_env(port))
    # 1. The broker is stopped: the mentee proposes a meeting. The page is a success, the
    #    meeting and the mentor's message are both stored.
    with broker_down():
        client.force_login(pair.mentee.user)
        response = client.post(
            reverse("meetings:pairing_meetings", args=[pair.pk]),
            {
                "meeting-day": (timezone.localdate() + timedelta(days=5)).isoformat(),
                "meeting-start": "15:00",
                "meeting-duration_minutes": "60",
                "meeting-mode": "in_person",
                "meeting-place": "Local 204",
            },
        )
        meeting = Meeting.objects.get(pairing=pair)
        refused = UserFactory(email="refus@refuse.example")
        others = [UserFactory(email=f"parent{n}@exemple.qc.ca") for n in range(5)]
        for person in [refused, *others]:  # recorded with their actions; not queued either
            a_message(person, meeting)
    assert response.status_code == 302
    assert Meeting.objects.filter(pairing=pair).count() == 1
    assert Notification.objects.filter(status=NotificationStatus.PENDING).count() == 7

    # 2. The broker is back; the next beat tick runs on a real worker. The recipient refused
    #    at DATA is marked, the six others are delivered.
    worker = start_worker("outbox")
    assert ready(worker), worker.output()
    counts = tick(worker)
    assert (counts["sent"], counts["failed"]) == (6, 1), counts
    assert Notification.objects.get(user=refused).status == NotificationStatus.FAILED
    delivered = received_by(handler)
    assert delivered[pair.mentor.user.email] == 1  # the meeting's notice, lost by no one
    assert all(delivered[person.email] == 1 for person in others)
    assert "refus@refuse.example" not in delivered

    # 3. Later ticks send nothing again.
    assert tick(worker)["sent"] == 0
    assert received_by(handler) == delivered


def test_a_stalled_server_holds_no_worker_and_the_mail_goes_out_when_it_answers(
    transactional_db, start_worker, worker_env, stalled, smtp, pair
):
    handler, good_port = smtp
    worker_env.update(mail_env(stalled))
    meeting = Meeting.objects.create(
        pairing=pair,
        starts_at=timezone.now() + timedelta(days=2),
        duration_minutes=60,
        place="Bibliothèque",
        status=MeetingStatus.PROPOSED,
    )
    people = [UserFactory(email=f"attente{n}@exemple.qc.ca") for n in range(20)]
    with broker_down():  # not queued: the beat ticks below send them
        for person in people:
            a_message(person, meeting)
    worker = start_worker("stalled")
    assert ready(worker), worker.output()
    counts = tick(worker)  # one timeout (2 s) ends the batch: the worker is free again
    assert (counts["sent"], counts["retry"]) == (0, 1), counts
    assert Notification.objects.filter(status=NotificationStatus.PENDING).count() == 20
    worker.process.terminate()
    worker.process.wait(timeout=15)

    # The server answers again (a worker configured for it) and the retry time has come.
    worker_env.update(mail_env(good_port))
    Notification.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    worker = start_worker("answering")
    assert ready(worker), worker.output()
    assert tick(worker)["sent"] == 20
    assert received_by(handler) == Counter({person.email: 1 for person in people})
