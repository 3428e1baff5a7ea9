"""Exactly once under SIGKILL: a real worker killed in the middle of a batch of reminders, then
two workers running the next beat ticks at the same time, send each reminder exactly once.

The workers keep mail as StoredEmail rows (tests/worker_settings.py), written in the same
transaction that marks the outbox row sent: a worker killed between the "send" and the COMMIT
leaves neither, and the next tick sends that message. Needs DATABASE_URL (PostgreSQL) and
REDIS_URL, like tests/test_worker.py: skipped without them, failed under REQUIRE_SERVICES=1.
The workers run in subprocesses on a queue of their own."""

import os
import signal
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from accounts.models import Notification, NotificationStatus, StoredEmail
from matching.models import Answer, Pairing, PairingStatus
from meetings.models import Meeting, MeetingStatus
from meetings.tasks import send_due_reminders
from programs.models import ParticipantRole
from tests.factories import CohortFactory, ParticipantFactory, ProgramFactory
from tests.workers import ready, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.services]


@pytest.fixture
def worker_settings():
    return "tests.worker_settings"  # mail stored as rows, in the claiming transaction


ROOT = Path(settings.BASE_DIR)
PAIRS = 30
MEETINGS_PER_PAIR = 5
EXPECTED = PAIRS * MEETINGS_PER_PAIR * 2  # a reminder to the mentor and one to the mentee


@pytest.fixture
def due_meetings(transactional_db):
    """PAIRS active pairs, each with MEETINGS_PER_PAIR confirmed meetings in the next 24 hours."""
    cohort = CohortFactory(program=ProgramFactory())
    now = timezone.now()
    pairings = [
        Pairing.objects.create(
            mentor=ParticipantFactory(cohort=cohort, role=ParticipantRole.MENTOR),
            mentee=ParticipantFactory(cohort=cohort, role=ParticipantRole.MENTEE),
            status=PairingStatus.ACTIVE,
            respond_by=now,
            mentor_answer=Answer.ACCEPTED,
            mentee_answer=Answer.ACCEPTED,
            started_on=timezone.localdate(),
        )
        for _ in range(PAIRS)
    ]
    Meeting.objects.bulk_create(
        Meeting(
            pairing=pairing,
            starts_at=now + timedelta(hours=1 + 4 * n, minutes=index % 60),
            duration_minutes=60,
            place="Bibliothèque",
            status=MeetingStatus.CONFIRMED,
        )
        for index, pairing in enumerate(pairings)
        for n in range(MEETINGS_PER_PAIR)
    )
    return Pairing.objects.select_related("mentor__user", "mentee__user")


def test_reminders_are_sent_exactly_once_across_a_killed_worker_and_overlapping_ticks(
    start_worker, due_meetings
):
    first = start_worker("first")
    assert ready(first), first.output()
    killed_task = send_due_reminders.delay()
    assert wait_for(lambda: StoredEmail.objects.count() >= EXPECTED // 5), first.output()
    os.kill(first.process.pid, signal.SIGKILL)
    assert first.process.wait(timeout=10) == -signal.SIGKILL
    assert first.succeeded(killed_task.id) is None

    # Killed mid-batch: every reminder is recorded; what committed as sent is exactly what
    # was "sent", nothing else.
    before = StoredEmail.objects.count()
    assert EXPECTED // 5 <= before < EXPECTED, "the batch ended before the kill: make it larger"
    assert Notification.objects.count() == EXPECTED
    assert Notification.objects.filter(status=NotificationStatus.SENT).count() == before

    # The next beat tick, and an overlapping one, each on its own worker.
    second, third = start_worker("second"), start_worker("third")
    assert ready(second), second.output()
    assert ready(third), third.output()
    ticks = [send_due_reminders.delay(), send_due_reminders.delay()]

    def results():
        return [worker.succeeded(t.id) for t in ticks for worker in (second, third)]

    assert wait_for(lambda: sum(r is not None for r in results()) == 2, timeout=40), (
        second.output() + third.output()
    )
    done = [r for r in results() if r is not None]
    assert sum(r["sent"] for r in done) == EXPECTED - before  # the rest, once
    assert sum(r["meeting"] for r in done) == 0  # nothing recorded twice
    assert all(r["failed"] == r["retry"] == r["log_request"] == r["nudge"] == 0 for r in done)
    assert {second.succeeded(t.id) is not None for t in ticks} == {True, False}  # one each

    assert StoredEmail.objects.count() == EXPECTED
    assert Notification.objects.filter(status=NotificationStatus.SENT).count() == EXPECTED
    per_person = Counter(StoredEmail.objects.values_list("to", flat=True))
    people = [u for p in due_meetings for u in (p.mentor.user, p.mentee.user)]
    assert per_person == {user.email: MEETINGS_PER_PAIR for user in people}
    duplicates = Counter(StoredEmail.objects.values_list("to", "subject"))
    assert max(duplicates.values()) == 1  # five different meetings each, no message twice
    assert Counter(Notification.objects.values_list("user_id", flat=True)) == {
        user.pk: MEETINGS_PER_PAIR for user in people
    }
