from celery import shared_task


@shared_task(acks_late=True, reject_on_worker_lost=True)
def sync_forms() -> dict[str, int]:
    """Beat (daily): every pair and participant of a cohort under way has its forms, with due
    dates read again (a meeting count reached sets one)."""
    from forms_workflow import services

    return services.sync_all()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_form_reminders() -> dict[str, int]:
    """Beat (daily): forms due within 3 days, then overdue, reminded once each to each signer."""
    from forms_workflow import services

    return services.send_due_reminders()
