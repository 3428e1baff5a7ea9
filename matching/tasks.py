from celery import shared_task


@shared_task(acks_late=True, reject_on_worker_lost=True)
def notify_pairing(pairing_id: int, event: str) -> int:
    from matching import services

    return services.notify(pairing_id, event)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def expire_proposals() -> int:
    """Beat: close proposals whose deadline passed (picked from the database, no ETA)."""
    from matching import services

    return services.expire_overdue_proposals()
