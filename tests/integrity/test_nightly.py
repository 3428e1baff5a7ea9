"""Closure at the cohort's end and background-check expiry, read from the database nightly."""

from datetime import date, timedelta

from django.utils import timezone

from accounts.models import Notification
from accounts.outbox import send_due as deliver
from matching import lifecycle
from matching.models import Answer, Pairing, PairingStatus
from tests.factories import CohortFactory, ParticipantFactory


def make(cohort, status):
    return Pairing.objects.create(
        mentor=ParticipantFactory(cohort=cohort, role="mentor"),
        mentee=ParticipantFactory(cohort=cohort, role="mentee"),
        status=status,
        respond_by=timezone.now() + timedelta(days=5),
        mentor_answer=Answer.ACCEPTED,
        mentee_answer=Answer.ACCEPTED,
        started_on=cohort.starts_on,
    )


def test_the_cohort_end_completes_its_active_pairs_and_only_those(leaders):
    ended = CohortFactory(
        starts_on=date(2025, 9, 1), ends_on=timezone.localdate() - timedelta(days=1)
    )
    done = make(ended, PairingStatus.ACTIVE)
    paused = make(ended, PairingStatus.PAUSED)
    proposed = make(ended, PairingStatus.PROPOSED)
    running = make(leaders[0], PairingStatus.ACTIVE)
    assert lifecycle.complete_ended_cohorts() == 1
    assert lifecycle.complete_ended_cohorts() == 0
    done.refresh_from_db()
    assert done.status == PairingStatus.CLOSED
    assert done.close_reason == "completed"
    assert done.closed_on == ended.ends_on
    for untouched, status in ((paused, "paused"), (proposed, "proposed"), (running, "active")):
        untouched.refresh_from_db()
        assert untouched.status == status


def test_coordinators_hear_of_an_expiring_check_once(active, claire, mailoutbox):
    mentor = active.mentor
    mentor.background_check_expires_on = timezone.localdate() + timedelta(days=20)
    mentor.save(update_fields=["background_check_expires_on"])
    assert lifecycle.check_background_checks()["alerted"] == 1
    assert lifecycle.check_background_checks()["alerted"] == 0
    deliver()
    assert [m.to for m in mailoutbox] == [[claire.email]]
    assert "Marc Tremblay" in mailoutbox[0].subject
    assert Notification.objects.filter(user=claire, key__startswith="screening:").count() == 1


def test_an_expired_check_pauses_the_pairs_with_minors(active):
    mentor = active.mentor
    mentor.background_check_expires_on = timezone.localdate() - timedelta(days=1)
    mentor.save(update_fields=["background_check_expires_on"])
    assert lifecycle.check_background_checks()["paused"] == 1
    active.refresh_from_db()
    assert active.status == PairingStatus.PAUSED
    assert active.meetings.get().status == "cancelled"
