"""Two coordinators publish the same run at the same moment: one wins, the other is told, and
nothing is doubled. Needs PostgreSQL (row locks across connections)."""

import threading

import pytest
from django.db import connection, connections

from matching import services
from matching.models import Pairing, RunStatus
from tests.conftest import require_service
from tests.factories import MembershipFactory

pytestmark = pytest.mark.services


@pytest.mark.django_db(transaction=True)
def test_concurrent_publications_publish_once(leaders, claire, org_a):
    require_service(
        "PostgreSQL", connection.vendor == "postgresql", "DATABASE_URL is not a PostgreSQL URL"
    )
    julien = MembershipFactory(organization=org_a).user
    run = services.run_matching(leaders[0].pk, claire)
    barrier = threading.Barrier(2)
    outcomes = []

    def publish(user):
        try:
            barrier.wait(timeout=10)
            outcomes.append(("ok", len(services.publish_run(run.pk, user, notify_people=False))))
        except services.MatchingError as exc:
            outcomes.append(("refused", str(exc)))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=publish, args=(who,)) for who in (claire, julien)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(kind for kind, _ in outcomes) == ["ok", "refused"]
    assert Pairing.objects.count() == 4
    run.refresh_from_db()
    assert run.status == RunStatus.PUBLISHED
