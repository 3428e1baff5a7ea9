from celery import shared_task


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_invitation(invitation_id: int) -> bool:
    from accounts import services

    return services.send_invitation(invitation_id)
