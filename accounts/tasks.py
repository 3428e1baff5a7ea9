from celery import shared_task


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_invitation(invitation_id: int) -> bool:
    from accounts import services

    return services.send_invitation(invitation_id)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_notification(notification_id: int) -> str:
    """After the action's commit: send its message (accounts.outbox)."""
    from accounts import outbox

    try:
        return outbox.send_one(notification_id)
    except outbox.ServerUnavailable:
        return "retry"  # the beat task tries again


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_due_notifications() -> dict[str, int]:
    """Beat, every minute: send what is due in the outbox, whatever the broker lost."""
    from accounts import outbox

    return outbox.send_due()
