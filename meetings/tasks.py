from celery import shared_task


@shared_task(acks_late=True, reject_on_worker_lost=True)
def notify_meeting(meeting_id: int, event: str, actor_id: int) -> int:
    from meetings import services

    return services.notify(meeting_id, event, actor_id)
