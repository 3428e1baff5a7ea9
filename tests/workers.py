"""A real Celery worker for tests: subprocesses on a private Redis queue, against the test's
PostgreSQL database (a worker cannot see the transaction-wrapped test database, hence
`transactional_db`). Used by tests/test_worker.py and tests/meetings/test_reminders_worker.py."""

import ast
import json
import os
import re
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from mentorat.celery import app as celery_app
from tests.conftest import require_service

ROOT = Path(settings.BASE_DIR)


def _redis(url):
    try:
        import redis

        client = redis.Redis.from_url(url, socket_connect_timeout=2)
        return client if client.ping() else None
    except Exception:  # noqa: BLE001 - any failure means "not available"
        return None


@dataclass
class Worker:
    process: subprocess.Popen
    log: Path

    def output(self):
        return self.log.read_text(errors="replace")

    def succeeded(self, task_id):
        """The task's result as the worker logged it, or None."""
        found = re.search(rf"\[{task_id}\] succeeded in [\d.]+s: (\{{.*\}})", self.output())
        return ast.literal_eval(found.group(1)) if found else None


@pytest.fixture
def worker_settings():
    """The settings module the workers load (a test module may override this fixture)."""
    return "tests.settings"


@pytest.fixture
def worker_env():
    """Extra environment for the workers (a test module may override this fixture)."""
    return {}


@pytest.fixture
def start_worker(transactional_db, tmp_path, worker_settings, worker_env):
    """Start Celery workers (subprocesses) on a private queue, against the test's PostgreSQL
    database and Redis: `start(name)` returns a Worker. Skipped without them (failed under
    REQUIRE_SERVICES=1); stopped, and their queue forgotten, at the end of the test."""
    require_service(
        "PostgreSQL", connection.vendor == "postgresql", "DATABASE_URL is not a PostgreSQL URL"
    )
    redis_url = os.environ.get("REDIS_URL", "")
    broker = _redis(redis_url) if redis_url else None
    require_service("Redis", broker is not None, "REDIS_URL is not reachable")
    queue = f"test-{uuid.uuid4().hex[:10]}"
    db = settings.DATABASES["default"]
    database_url = "postgres://{user}{password}@{host}:{port}/{name}".format(
        user=db["USER"],
        password=f":{db['PASSWORD']}" if db["PASSWORD"] else "",
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        name=db["NAME"],
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": worker_settings,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "CELERY_QUEUE": queue,
        "PYTHONUNBUFFERED": "1",
    }
    workers = []

    def start(name):
        log = tmp_path / f"{name}.log"
        with log.open("w") as out:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "mentorat",
                    "worker",
                    "-P",
                    "solo",
                    "-c",
                    "1",
                    "--without-heartbeat",
                    "--without-mingle",
                    "--without-gossip",
                    "-n",
                    f"{name}-{queue}@%h",
                    "-l",
                    "info",
                ],
                cwd=ROOT,
                env={**env, **worker_env},  # read at each start: a test may change it
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        worker = Worker(process, log)
        workers.append(worker)
        return worker

    previous = (
        celery_app.conf.task_always_eager,
        celery_app.conf.task_default_queue,
        celery_app.conf.broker_url,
    )
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    celery_app.conf.broker_url = redis_url
    try:
        yield start
    finally:
        (
            celery_app.conf.task_always_eager,
            celery_app.conf.task_default_queue,
            celery_app.conf.broker_url,
        ) = previous
        for worker in workers:
            if worker.process.poll() is None:
                worker.process.terminate()
        for worker in workers:
            try:
                worker.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                worker.process.kill()
                worker.process.wait()
            if os.environ.get("SHOW_WORKER_LOG"):
                print(worker.output())
        _forget_queue(broker, queue)


def _forget_queue(broker, queue):
    """Drop what the killed worker left in Redis for our queue (its unacknowledged message would
    otherwise be restored to a queue no one reads, an hour later)."""
    for tag, raw in broker.hgetall("unacked").items():
        try:
            _, exchange, routing_key = json.loads(raw)
        except (ValueError, TypeError):
            continue
        if queue in (exchange, routing_key):
            broker.pipeline().zrem("unacked_index", tag).hdel("unacked", tag).execute()
    broker.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")


def wait_for(predicate, timeout=30, every=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(every)
    return False


def ready(worker):
    return wait_for(lambda: " ready." in worker.output(), every=0.1)
