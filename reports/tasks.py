from celery import shared_task


@shared_task(acks_late=True, reject_on_worker_lost=True)
def build_report(job_id: int) -> dict:
    """Build a report's PDF (ids in; the job's row says what to build)."""
    from reports import jobs

    return jobs.build(job_id)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def resume_stalled_reports() -> int:
    """Beat: queue again the reports whose worker died while building them."""
    from reports import jobs

    return jobs.resume_stalled()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def remove_expired_reports() -> int:
    """Beat (daily): remove the report files kept past their retention period."""
    from reports import jobs

    return jobs.remove_expired()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_survey_invitations(survey_id: int | None = None) -> int:
    """After a questionnaire is sent, and as a beat task: the invitations not sent yet."""
    from reports import surveys

    return surveys.invite_due(survey_id)
