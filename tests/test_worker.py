"""A real Celery worker, through Redis, against the test's PostgreSQL database.

Needs DATABASE_URL (PostgreSQL) and REDIS_URL; skipped without them, failed under
REQUIRE_SERVICES=1. The worker runs in a subprocess on a queue of its own."""

import os
import re
import subprocess
import sys
import time
import uuid
from email import message_from_string
from email.policy import default as default_policy
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from accounts import services
from accounts.models import Invitation
from mentorat.celery import app as celery_app
from tests.conftest import require_service
from tests.factories import UserFactory

pytestmark = [pytest.mark.worker, pytest.mark.services]
ROOT = Path(settings.BASE_DIR)


def _redis_up(url):
    try:
        import redis

        return redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except Exception:  # noqa: BLE001 - any failure means "not available"
        return False


@pytest.fixture
def worker(transactional_db, tmp_path):
    require_service(
        "PostgreSQL", connection.vendor == "postgresql", "DATABASE_URL is not a PostgreSQL URL"
    )
    redis_url = os.environ.get("REDIS_URL", "")
    require_service("Redis", bool(redis_url) and _redis_up(redis_url), "REDIS_URL is not reachable")
    queue = f"test-{uuid.uuid4().hex[:10]}"
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
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
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "CELERY_QUEUE": queue,
        "EMAIL_URL": f"file://{mail_dir}",
    }
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
            "-l",
            "info",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    previous = (
        celery_app.conf.task_always_eager,
        celery_app.conf.task_default_queue,
        celery_app.conf.broker_url,
    )
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    celery_app.conf.broker_url = redis_url
    try:
        yield mail_dir
    finally:
        (
            celery_app.conf.task_always_eager,
            celery_app.conf.task_default_queue,
            celery_app.conf.broker_url,
        ) = previous
        process.terminate()
        try:
            output, _ = process.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
        if os.environ.get("SHOW_WORKER_LOG"):
            print(output)


def wait_for(predicate, timeout=45):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def messages_to(mail_dir, email):
    """Messages the worker's file backend wrote for `email` (one file per connection)."""
    found = []
    for path in mail_dir.iterdir():
        for raw in path.read_text(errors="replace").split("-" * 79):
            if raw.strip():
                message = message_from_string(raw.strip(), policy=default_policy)
                if message["To"] == email:
                    found.append(message)
    return found


def test_invitation_is_sent_once_by_a_real_worker(worker, client):
    mail_dir = worker
    person = UserFactory(email="eloise.cote@exemple.qc.ca", full_name="Éloïse Côté", password=None)
    invitation = services.invite(person)  # commits, then publishes to Redis
    assert wait_for(lambda: Invitation.objects.get(pk=invitation.pk).sent_at is not None), (
        "the worker did not send the invitation"
    )
    assert wait_for(lambda: len(messages_to(mail_dir, person.email)) == 1)
    body = messages_to(mail_dir, person.email)[0].get_body(("plain",)).get_content()
    path = re.search(r"http://testserver(/fr/comptes/invitation/[^/\s]+/)", body).group(1)
    assert client.get(path).status_code == 200  # the token the worker mailed is the one stored

    # Redelivered or retried: the same task twice more sends nothing more.
    from accounts.tasks import send_invitation

    send_invitation.delay(invitation.pk)
    send_invitation.delay(invitation.pk)
    sentinel = UserFactory(email="sentinelle@exemple.qc.ca", password=None)
    marker = services.invite(sentinel)  # the solo worker handles tasks in order
    assert wait_for(lambda: Invitation.objects.get(pk=marker.pk).sent_at is not None)
    assert wait_for(lambda: len(messages_to(mail_dir, sentinel.email)) == 1)
    assert len(messages_to(mail_dir, person.email)) == 1
