"""The report jobs' invariants under random sequences of events (Hypothesis state machine):
asking, workers that take a job and die, builds that succeed or fail, time passing, the beat
tasks that resume stalled jobs and remove expired files, retries.

After every step: at most one unfinished job per report asked; a job that is done has its file,
its pages and exactly one e-mail to the person who asked; an expired job has no file left; a
failed one says why; no job was tried more than MAX_ATTEMPTS times."""

from collections import Counter
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.test import TestCase
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from accounts.models import Notification
from reports import documents, jobs
from reports.models import UNFINISHED, JobStatus, ReportJob, ReportKind
from tests.factories import CohortFactory, MembershipFactory, ProgramFactory, UserFactory

GOOD = documents.Built(b"%PDF-1.7\n% report\n", 3, "Rapport")


class Builder:
    """Stands for the PDF layout (measured elsewhere): succeeds, or fails when told."""

    fail = False

    def __call__(self, job, progress):
        progress(50, "…")
        if self.fail:
            raise RuntimeError("layout failed")
        return GOOD


class ReportJobs(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.builder = Builder()
        documents.build, self.original = self.builder, documents.build
        self.coordinator = UserFactory()
        program = ProgramFactory()
        MembershipFactory(organization=program.organization, user=self.coordinator)
        self.cohorts = [CohortFactory(program=program), CohortFactory(program=program)]

    def teardown(self):
        documents.build = self.original

    def _job(self, n):
        jobs_made = list(ReportJob.objects.order_by("pk"))
        return jobs_made[n % len(jobs_made)] if jobs_made else None

    @rule(cohort=st.integers(0, 1), language=st.sampled_from(["fr", "en"]))
    def ask(self, cohort, language):
        chosen = self.cohorts[cohort]
        before = ReportJob.objects.filter(status__in=UNFINISHED).count()
        job, created = jobs.request(
            self.coordinator,
            ReportKind.COHORT,
            organization=chosen.program.organization,
            language=language,
            cohort=chosen,
            program=chosen.program,
        )
        after = ReportJob.objects.filter(status__in=UNFINISHED).count()
        assert after == before + created
        assert job.status in UNFINISHED

    @rule(n=st.integers(0, 20))
    def a_worker_takes_it_and_dies(self, n):
        job = self._job(n)
        if job:
            jobs.claim(job.pk)

    @rule(n=st.integers(0, 20), fail=st.booleans())
    def a_worker_builds_it(self, n, fail):
        job = self._job(n)
        if job:
            self.builder.fail = fail
            jobs.build(job.pk)
            self.builder.fail = False

    @rule()
    def time_passes(self):
        past = timezone.now() - jobs.stale_after() * 2
        ReportJob.objects.filter(status__in=UNFINISHED).update(heartbeat_at=past, created_at=past)

    @rule()
    def the_beat_resumes_stalled_jobs(self):
        with TestCase.captureOnCommitCallbacks(execute=True):
            jobs.resume_stalled()

    @rule(n=st.integers(0, 20))
    def the_retention_ends(self, n):
        job = self._job(n)
        if job and job.status == JobStatus.DONE:
            ReportJob.objects.filter(pk=job.pk).update(
                expires_at=timezone.now() - timedelta(minutes=1)
            )
            jobs.remove_expired()

    @rule(n=st.integers(0, 20))
    def a_coordinator_retries(self, n):
        job = self._job(n)
        if job and job.status in (JobStatus.FAILED, JobStatus.EXPIRED):
            new = jobs.retry(job, self.coordinator)
            assert new.status in UNFINISHED

    @invariant()
    def one_unfinished_job_per_report(self):
        keys = Counter(
            ReportJob.objects.filter(status__in=UNFINISHED).values_list("key", flat=True)
        )
        assert all(count == 1 for count in keys.values())

    @invariant()
    def finished_jobs_are_what_they_say(self):
        mails = Counter(
            Notification.objects.filter(key__startswith="report:").values_list("key", flat=True)
        )
        for job in ReportJob.objects.all():
            assert job.attempts <= jobs.MAX_ATTEMPTS
            sent = mails[f"report:{job.pk}"]
            if job.status == JobStatus.DONE:
                assert job.file
                assert default_storage.exists(job.file.name)
                assert job.pages == GOOD.pages
                assert job.progress == 100
            if job.status in (JobStatus.DONE, JobStatus.EXPIRED):
                assert sent == 1, job
            else:
                assert sent == 0, job
            if job.status == JobStatus.EXPIRED:
                assert not job.file
                assert not default_storage.exists(jobs.file_name(job))
            if job.status == JobStatus.FAILED:
                assert job.error


@pytest.mark.django_db
def test_report_job_invariants_hold_under_random_events():
    run_state_machine_as_test(
        ReportJobs,
        settings=settings(
            max_examples=25,
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
