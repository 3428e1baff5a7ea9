"""Report jobs: a PDF built by a Celery worker while the page shows its progress.

- `request(...)`: the job for what was asked; asking again while one runs returns that one (a
  partial unique constraint on the job's key, so two clicks at once make one job).
- `build(job_id)`: the task's body. It claims the job (queued, or running with no sign of life
  for `STALE`: its worker was killed), builds the PDF, writes it under a name fixed by the job
  and marks it done only if its claim still holds: a job redelivered or resumed twice finishes
  once. A failure is recorded with a reason a coordinator can read, and can be retried.
- `resume_stalled()`: beat; queues again the jobs whose worker died.
- `remove_expired()`: beat; removes the files kept past `REPORT_RETENTION_DAYS`.
"""

import logging
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reports.models import UNFINISHED, JobStatus, ReportJob

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 3


def retention() -> timedelta:
    return timedelta(days=getattr(settings, "REPORT_RETENTION_DAYS", 14))


def stale_after() -> timedelta:
    return timedelta(seconds=getattr(settings, "REPORT_STALE_SECONDS", 180))


def job_key(kind, language, *, program=None, cohort=None, pairing=None, funder=None) -> str:
    ids = [getattr(thing, "pk", None) or "-" for thing in (program, cohort, pairing, funder)]
    return ":".join([kind, language, *map(str, ids)])


def request(
    user, kind, *, organization, language, program=None, cohort=None, pairing=None, funder=None
) -> tuple[ReportJob, bool]:
    """The job for this report: the one running, or a new one queued after the commit.
    Returns (job, created)."""
    key = job_key(kind, language, program=program, cohort=cohort, pairing=pairing, funder=funder)
    running = ReportJob.objects.filter(key=key, status__in=UNFINISHED).first()
    if running:
        return running, False
    try:
        with transaction.atomic():
            job = ReportJob.objects.create(
                organization=organization,
                requested_by=user,
                kind=kind,
                program=program,
                cohort=cohort,
                pairing=pairing,
                funder=funder,
                language=language,
                key=key,
                stage=_("Waiting for a worker"),
                title=_title(kind, language, program, cohort, pairing, funder),
            )
    except IntegrityError:  # the same report asked at the same moment: that one
        return ReportJob.objects.get(key=key, status__in=UNFINISHED), False
    from reports.tasks import build_report

    build_report.delay_on_commit(job.pk)
    return job, True


def _title(kind, language, program, cohort, pairing, funder) -> str:
    from reports import documents, stats
    from reports.models import ReportKind

    with translation.override(language):
        if kind == ReportKind.DOSSIER:
            return documents.dossier_title(pairing)[:300]
        scope = (
            stats.Scope([], program.name, "", funder)
            if kind == ReportKind.PROGRAM
            else stats.cohort_scope(cohort, funder)
        )
        return documents.report_title(scope, kind)[:300]


def claim(job_id) -> ReportJob | None:
    now = timezone.now()
    claimable = Q(status=JobStatus.QUEUED) | Q(
        status=JobStatus.RUNNING, heartbeat_at__lt=now - stale_after()
    )
    claimed = (
        ReportJob.objects.filter(claimable, pk=job_id)
        .filter(attempts__lt=MAX_ATTEMPTS)
        .update(
            status=JobStatus.RUNNING,
            attempts=F("attempts") + 1,
            started_at=now,
            heartbeat_at=now,
            progress=1,
            stage=_("Started"),
            error="",
        )
    )
    return ReportJob.objects.get(pk=job_id) if claimed else None


class Progress:
    """What the builder reports as it goes: a percentage, a stage, and a sign of life."""

    def __init__(self, job):
        self.job = job

    def __call__(self, percent: int, stage: str):
        ReportJob.objects.filter(
            pk=self.job.pk, status=JobStatus.RUNNING, attempts=self.job.attempts
        ).update(
            progress=min(max(int(percent), 1), 99), stage=stage[:200], heartbeat_at=timezone.now()
        )


def file_name(job) -> str:
    return f"reports/{job.organization_id}/report-{job.pk}.pdf"


def build(job_id) -> dict:
    from reports import documents

    job = claim(job_id)
    if job is None:
        return {"job": job_id, "built": False}
    progress = Progress(job)
    try:
        with translation.override(job.language):
            built = documents.build(job, progress)
    except SoftTimeLimitExceeded:
        return _failed(job, _("The report took too long to build. Try a smaller scope."))
    except Exception as error:  # noqa: BLE001 - any failure is recorded, readable, retryable
        logger.exception("Report %s failed", job.pk)
        return _failed(
            job,
            _(
                "The document could not be built (%(error)s). Try again; if it fails again, "
                "tell your administrator."
            )
            % {"error": type(error).__name__},
        )
    name = file_name(job)
    if default_storage.exists(name):  # an earlier attempt wrote it: same job, same name
        default_storage.delete(name)
    saved = default_storage.save(name, ContentFile(built.data))
    now = timezone.now()
    done = ReportJob.objects.filter(
        pk=job.pk, status=JobStatus.RUNNING, attempts=job.attempts
    ).update(
        status=JobStatus.DONE,
        progress=100,
        stage=_("Ready"),
        file=saved,
        title=built.title[:300],
        pages=built.pages,
        size=len(built.data),
        finished_at=now,
        expires_at=now + retention(),
    )
    if done:
        _tell(ReportJob.objects.select_related("requested_by").get(pk=job.pk))
    return {"job": job.pk, "built": bool(done), "pages": built.pages}


def _failed(job, reason: str) -> dict:
    ReportJob.objects.filter(pk=job.pk, status=JobStatus.RUNNING, attempts=job.attempts).update(
        status=JobStatus.FAILED, error=reason, finished_at=timezone.now(), stage=_("Failed")
    )
    return {"job": job.pk, "built": False, "failed": True}


def _tell(job) -> None:
    """The download link by e-mail, to the person who asked (in their language)."""
    from accounts.services import notify_once
    from mentorat.mail import absolute_url

    if job.requested_by is None:
        return
    notify_once(
        job.requested_by,
        f"report:{job.pk}",
        "report_ready",
        {"job": job, "title": job.title, "url": absolute_url(job.get_absolute_url())},
    )


def retry(job, user) -> ReportJob:
    """A failed report asked again (the failure stays in the history)."""
    new, _created = request(
        user,
        job.kind,
        organization=job.organization,
        language=job.language,
        program=job.program,
        cohort=job.cohort,
        pairing=job.pairing,
        funder=job.funder,
    )
    return new


def resume_stalled() -> int:
    """Queue again the jobs whose worker stopped giving signs of life; a job that failed
    MAX_ATTEMPTS times is marked failed."""
    from reports.tasks import build_report

    before = timezone.now() - stale_after()
    stalled = ReportJob.objects.filter(
        Q(status=JobStatus.RUNNING, heartbeat_at__lt=before)
        | Q(status=JobStatus.QUEUED, created_at__lt=before)
    )
    ReportJob.objects.filter(pk__in=stalled.filter(attempts__gte=MAX_ATTEMPTS).values("pk")).update(
        status=JobStatus.FAILED,
        finished_at=timezone.now(),
        error=_("The report could not be built after %(count)d attempts.")
        % {"count": MAX_ATTEMPTS},
    )
    ids = list(stalled.filter(attempts__lt=MAX_ATTEMPTS).values_list("pk", flat=True))
    for pk in ids:
        build_report.delay_on_commit(pk)
    return len(ids)


def remove_expired() -> int:
    expired = ReportJob.objects.filter(status=JobStatus.DONE, expires_at__lt=timezone.now())
    removed = 0
    for job in expired:
        if job.file:
            default_storage.delete(job.file.name)
        removed += 1
    expired.update(file="", status=JobStatus.EXPIRED)
    return removed
