"""Exactly once under SIGKILL: a real worker killed in the middle of a batch of reminders, then
two workers running the next beat ticks at the same time, send each reminder exactly once.

The workers keep mail as StoredEmail rows (tests/worker_settings.py), written in the same
transaction as the SentNotification claim: a worker killed between the "send" and the COMMIT
leaves neither, and the next tick sends that message. Needs DATABASE_URL (PostgreSQL) and
REDIS_URL, like tests/test_worker.py: skipped without them, failed under REQUIRE_SERVICES=1.
The workers run in subprocesses on a queue of their own."""

import ast
import json
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from accounts.models import SentNotification, StoredEmail
from matching.models import Answer, Pairing, PairingStatus
from meetings.models import Meeting, MeetingStatus
from meetings.tasks import send_due_reminders
from mentorat.celery import app as celery_app
from programs.models import ParticipantRole
from tests.conftest import require_service
from tests.factories import CohortFactory, ParticipantFactory, ProgramFactory

pytestmark = [pytest.mark.worker, pytest.mark.services]
ROOT = Path(settings.BASE_DIR)
PAIRS = 30
MEETINGS_PER_PAIR = 5
EXPECTED = PAIRS * MEETINGS_PER_PAIR * 2  # a reminder to the mentor and one to the mentee


def _redis(url):
    try:
        import redis

        client = redis.Redis.from_url(url, socket_connect_timeout=2)
        return client if client.ping() else None
    except Exception:  # noqa: BLE001 - any failure means "not available"
        return None


@dataclass
class Worker:
    process: subprocess.Popen
    log: Path

    def output(self):
        return self.log.read_text(errors="replace")

    def succeeded(self, task_id):
        """The task's result as the worker logged it, or None."""
        found = re.search(rf"\[{task_id}\] succeeded in [\d.]+s: (\{{.*\}})", self.output())
        return ast.literal_eval(found.group(1)) if found else None


@pytest.fixture
def start_worker(transactional_db, tmp_path):
    """Start Celery workers (subprocesses) on a private queue, against the test's database."""
    require_service(
        "PostgreSQL", connection.vendor == "postgresql", "DATABASE_URL is not a PostgreSQL URL"
    )
    redis_url = os.environ.get("REDIS_URL", "")
    broker = _redis(redis_url) if redis_url else None
    require_service("Redis", broker is not None, "REDIS_URL is not reachable")
    queue = f"test-{uuid.uuid4().hex[:10]}"
    db = settings.DATABASES["default"]
    database_url = "postgres://{user}{password}@{host}:{port}/{name}".format(
        user=db["USER"],
        password=f":{db['PASSWORD']}" if db["PASSWORD"] else "",
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        name=db["NAME"],
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.worker_settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "CELERY_QUEUE": queue,
        "PYTHONUNBUFFERED": "1",
    }
    workers = []

    def start(name):
        log = tmp_path / f"{name}.log"
        with log.open("w") as out:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "mentorat",
                    "worker",
                    "-P",
                    "solo",
                    "-c",
                    "1",
                    "--without-heartbeat",
                    "--without-mingle",
                    "--without-gossip",
                    "-n",
                    f"{name}-{queue}@%h",
                    "-l",
                    "info",
                ],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        worker = Worker(process, log)
        workers.append(worker)
        return worker

    previous = (
        celery_app.conf.task_always_eager,
        celery_app.conf.task_default_queue,
        celery_app.conf.broker_url,
    )
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    celery_app.conf.broker_url = redis_url
    try:
        yield start
    finally:
        (
            celery_app.conf.task_always_eager,
            celery_app.conf.task_default_queue,
            celery_app.conf.broker_url,
        ) = previous
        for worker in workers:
            if worker.process.poll() is None:
                worker.process.terminate()
        for worker in workers:
            try:
                worker.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                worker.process.kill()
                worker.process.wait()
            if os.environ.get("SHOW_WORKER_LOG"):
                print(worker.output())
        _forget_queue(broker, queue)


def _forget_queue(broker, queue):
    """Drop what the killed worker left in Redis for our queue (its unacknowledged message would
    otherwise be restored to a queue no one reads, an hour later)."""
    for tag, raw in broker.hgetall("unacked").items():
        try:
            _, exchange, routing_key = json.loads(raw)
        except (ValueError, TypeError):
            continue
        if queue in (exchange, routing_key):
            broker.pipeline().zrem("unacked_index", tag).hdel("unacked", tag).execute()
    broker.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")


def wait_for(predicate, timeout=30, every=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(every)
    return False


def ready(worker):
    return wait_for(lambda: " ready." in worker.output(), every=0.1)


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

    # Killed mid-batch: what committed is a claim and its message together, nothing else.
    before = StoredEmail.objects.count()
    assert EXPECTED // 5 <= before < EXPECTED, "the batch ended before the kill: make it larger"
    assert SentNotification.objects.count() == before

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
    assert sum(r["meeting"] for r in done) == EXPECTED - before  # the rest, once
    assert all(r["failed"] == r["log_request"] == r["nudge"] == 0 for r in done)
    assert {second.succeeded(t.id) is not None for t in ticks} == {True, False}  # one each

    assert StoredEmail.objects.count() == EXPECTED
    assert SentNotification.objects.count() == EXPECTED
    per_person = Counter(StoredEmail.objects.values_list("to", flat=True))
    people = [u for p in due_meetings for u in (p.mentor.user, p.mentee.user)]
    assert per_person == {user.email: MEETINGS_PER_PAIR for user in people}
    duplicates = Counter(StoredEmail.objects.values_list("to", "subject"))
    assert max(duplicates.values()) == 1  # five different meetings each, no message twice
    assert Counter(SentNotification.objects.values_list("user_id", flat=True)) == {
        user.pk: MEETINGS_PER_PAIR for user in people
    }
