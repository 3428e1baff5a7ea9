import logging
import os

from celery import Celery, Task
from django.db import transaction
from kombu.exceptions import OperationalError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentorat.settings")

logger = logging.getLogger(__name__)


class MentoratTask(Task):
    """Tasks queued after commit never turn a committed action into an error page: with the
    broker down, the publication is logged and skipped (what is due is read again from the
    database by the beat tasks)."""

    def delay_on_commit(self, *args, **kwargs):
        transaction.on_commit(lambda: self._publish_or_log(args, kwargs))

    def _publish_or_log(self, args, kwargs):
        try:
            self.apply_async(args, kwargs)
        except (OperationalError, ConnectionError, OSError):
            logger.warning("Broker unavailable: %s not queued", self.name, exc_info=True)


app = Celery("mentorat", task_cls=MentoratTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
