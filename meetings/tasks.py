from celery import shared_task


@shared_task(acks_late=True, reject_on_worker_lost=True)
def refresh_pair_health() -> int:
    """Beat: recolour followed pairs; a pair turning red notifies its coordinator once."""
    from meetings import services

    return services.refresh_health()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_monthly_digests() -> int:
    """Beat (daily): last month's digest to each guardian, once per month."""
    from meetings import services

    return services.send_monthly_digests()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_due_reminders() -> dict[str, int]:
    """Beat, every 5 minutes: send the reminders due now, each once (meetings.reminders)."""
    from meetings import reminders

    return reminders.send_due()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_monthly_pulses() -> int:
    """Beat (daily): ask each side of an active pair for this month's pulse, once."""
    from meetings import services

    return services.send_monthly_pulses()
