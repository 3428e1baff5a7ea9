"""A real Celery worker, through Redis, against the test's PostgreSQL database.

Needs DATABASE_URL (PostgreSQL) and REDIS_URL; skipped without them, failed under
REQUIRE_SERVICES=1. The worker runs in a subprocess on a queue of its own."""

import re
from email import message_from_string
from email.policy import default as default_policy

import pytest

from accounts import services
from accounts.models import Invitation
from tests.factories import UserFactory
from tests.workers import ready, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.services]


@pytest.fixture
def mail_dir(tmp_path):
    path = tmp_path / "mail"
    path.mkdir()
    return path


@pytest.fixture
def worker_env(mail_dir):
    return {"EMAIL_URL": f"file://{mail_dir}"}  # the worker's mail, read back by the test


@pytest.fixture
def worker(start_worker, mail_dir):
    started = start_worker("invitations")
    assert ready(started), started.output()
    return mail_dir


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
