from celery import shared_task


@shared_task(acks_late=True, reject_on_worker_lost=True)
def expire_proposals() -> int:
    """Beat: close proposals whose deadline passed (picked from the database, no ETA)."""
    from matching import services

    return services.expire_overdue_proposals()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def complete_ended_cohorts() -> int:
    """Nightly: the active pairs of cohorts that ended are completed (and only those)."""
    from matching import lifecycle

    return lifecycle.complete_ended_cohorts()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def check_background_checks() -> dict:
    """Nightly: coordinators are told 30 days before a mentor's background check expires; the
    pairs of minors whose mentor's check has expired pause."""
    from matching import lifecycle

    return lifecycle.check_background_checks()
