"""A report built by a real Celery worker, killed with SIGKILL in the middle of its layout, then
resumed: it finishes once (one file, one e-mail), and a redelivered message builds nothing more.

Needs DATABASE_URL (PostgreSQL) and REDIS_URL, like tests/test_worker.py: skipped without them,
failed under REQUIRE_SERVICES=1. The workers run in subprocesses on a queue of their own."""

import os
import signal
import subprocess
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from accounts.models import Notification
from matching.models import Answer, Pairing, PairingStatus
from meetings.models import Meeting, MeetingStatus
from programs.models import Participant, ParticipantRole
from reports import jobs
from reports.models import JobStatus, ReportJob
from reports.tasks import build_report
from tests.factories import CohortFactory, MembershipFactory, ProgramFactory, UserFactory
from tests.reports.conftest import ask_cohort_report
from tests.workers import ready, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.services]
PAIRS = 400


@pytest.fixture
def big_cohort(transactional_db):
    """PAIRS active pairs with three meetings held each: a report of a dozen pages."""
    program = ProgramFactory(name_fr="Persévérance au secondaire")
    cohort = CohortFactory(program=program, name="2026-2027")
    users = UserFactory.create_batch(2 * PAIRS, password=None)
    people = Participant.objects.bulk_create(
        Participant(
            cohort=cohort,
            user=user,
            role=ParticipantRole.MENTOR if index % 2 == 0 else ParticipantRole.MENTEE,
            languages=["fr"],
        )
        for index, user in enumerate(users)
    )
    started = timezone.localdate() - timedelta(days=60)
    pairs = Pairing.objects.bulk_create(
        Pairing(
            mentor=people[2 * n],
            mentee=people[2 * n + 1],
            status=PairingStatus.ACTIVE,
            respond_by=timezone.now(),
            mentor_answer=Answer.ACCEPTED,
            mentee_answer=Answer.ACCEPTED,
            started_on=started,
        )
        for n in range(PAIRS)
    )
    Meeting.objects.bulk_create(
        Meeting(
            pairing=pair,
            starts_at=timezone.now() - timedelta(days=7 * (k + 1)),
            duration_minutes=60,
            status=MeetingStatus.HELD,
        )
        for pair in pairs
        for k in range(3)
    )
    coordinator = UserFactory(email="claire@erables.qc.ca", full_name="Claire Bélanger")
    MembershipFactory(organization=program.organization, user=coordinator)
    return cohort, coordinator


def test_a_killed_worker_s_report_is_resumed_and_finishes_once(start_worker, big_cohort):
    cohort, coordinator = big_cohort
    first = start_worker("first")
    assert ready(first), first.output()
    job, created = ask_cohort_report(cohort, coordinator)
    assert created

    def laying_out():
        job.refresh_from_db()
        return job.status == JobStatus.RUNNING and job.progress >= 45

    assert wait_for(laying_out, timeout=60, every=0.02), first.output()
    os.kill(first.process.pid, signal.SIGKILL)
    assert first.process.wait(timeout=10) == -signal.SIGKILL

    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING, "the report finished before the kill: make it larger"
    assert job.attempts == 1
    assert not default_storage.exists(jobs.file_name(job))

    # No sign of life for longer than the staleness: the beat task queues it again, and the
    # message the killed worker held comes back too (as Redis would redeliver it).
    ReportJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - timedelta(hours=1))
    second = start_worker("second")
    assert ready(second), second.output()
    assert jobs.resume_stalled() == 1
    redelivered = build_report.delay(job.pk)

    def done():
        job.refresh_from_db()
        return job.status == JobStatus.DONE

    assert wait_for(done, timeout=90), second.output()
    assert wait_for(lambda: second.succeeded(redelivered.id) is not None, timeout=30)
    assert second.succeeded(redelivered.id) == {"job": job.pk, "built": False}
    job.refresh_from_db()
    assert job.attempts == 2
    assert job.progress == 100
    assert job.pages >= 8
    assert Notification.objects.filter(key=f"report:{job.pk}").count() == 1
    with default_storage.open(job.file.name, "rb") as handle:
        data = handle.read()
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    assert "Rapport de cohorte" in text
    assert f"{PAIRS}\n" in text or f"{PAIRS} " in text  # the pairs formed
    assert default_storage.listdir(os.path.dirname(job.file.name))[1] == [
        os.path.basename(job.file.name)
    ]
