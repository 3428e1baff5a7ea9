"""Scheduling through the services: propose, confirm, move, cancel, series around closure days,
with the checks a pair would hit (closed pair, double booking, dates outside the cohort)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from matching.models import Pairing, PairingStatus
from meetings import services
from meetings.models import ClosureDay, Meeting, MeetingStatus
from meetings.services import Slot

TORONTO = ZoneInfo("America/Toronto")
NOW = datetime(2026, 11, 23, 9, tzinfo=TORONTO)


def slot(day, hour=15, minutes=60, **extra):
    return Slot(
        starts_at=datetime.combine(day, datetime.min.time()).replace(hour=hour, tzinfo=TORONTO),
        duration_minutes=minutes,
        **{"place": "Bibliothèque", **extra},
    )


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_propose_then_partner_confirms(pair, mailoutbox, django_capture_on_commit_callbacks):
    mentee = pair.mentee.user
    with django_capture_on_commit_callbacks(execute=True):
        meeting = services.propose(pair.pk, mentee, slot(date(2026, 11, 26)))
    assert meeting.status == MeetingStatus.PROPOSED
    assert [m.to[0] for m in mailoutbox] == [pair.mentor.user.email]
    with pytest.raises(services.MeetingError):
        services.confirm(meeting.pk, mentee)  # one does not confirm one's own proposal
    with django_capture_on_commit_callbacks(execute=True):
        services.confirm(meeting.pk, pair.mentor.user)
    meeting.refresh_from_db()
    assert (meeting.status, meeting.sequence) == (MeetingStatus.CONFIRMED, 1)
    assert mailoutbox[-1].to == [mentee.email]


def test_closure_day_and_outside_cohort_warn_then_allow(pair, org_a):
    ClosureDay.objects.create(
        organization=org_a, day=date(2026, 12, 1), label="Journée pédagogique"
    )
    with pytest.raises(services.NeedsConfirmation) as warned:
        services.propose(pair.pk, pair.mentee.user, slot(date(2026, 12, 1)))
    assert "Journée pédagogique" in warned.value.warnings[0]
    assert not Meeting.objects.exists()
    services.propose(pair.pk, pair.mentee.user, slot(date(2026, 12, 1)), confirmed=True)
    far = pair.mentee.cohort.ends_on + timedelta(days=10)
    with pytest.raises(services.NeedsConfirmation):
        services.propose(pair.pk, pair.mentee.user, slot(far))


def test_double_booking_is_refused(pair, leaders):
    services.propose(pair.pk, pair.mentee.user, slot(date(2026, 11, 26), hour=15))
    cohort, mentors, mentees = leaders
    other = Pairing.objects.create(
        mentor=mentors[0],
        mentee=mentees[2],
        status=PairingStatus.ACTIVE,
        respond_by=timezone.now(),
    )
    with pytest.raises(services.MeetingError, match="Hélène Dubé"):
        services.propose(other.pk, mentees[2].user, slot(date(2026, 11, 26), hour=15, minutes=30))
    services.propose(other.pk, mentees[2].user, slot(date(2026, 11, 26), hour=16))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"minutes": 0}, "5 minutes"),
        ({"place": ""}, "où"),
        ({"mode": "video", "video_link": ""}, "lien"),
    ],
)
def test_bad_slots_are_refused(pair, changes, message):
    minutes = changes.pop("minutes", 60)
    with pytest.raises(services.MeetingError, match=message):
        services.propose(
            pair.pk, pair.mentee.user, slot(date(2026, 11, 26), minutes=minutes, **changes)
        )
    assert not Meeting.objects.exists()


def test_no_meeting_for_a_closed_pair_or_an_outsider(pair, nina):
    with pytest.raises(services.MeetingError):
        services.propose(pair.pk, nina, slot(date(2026, 11, 26)))
    Pairing.objects.filter(pk=pair.pk).update(status=PairingStatus.CLOSED)
    with pytest.raises(services.MeetingError, match="actif"):
        services.propose(pair.pk, pair.mentee.user, slot(date(2026, 11, 26)))


def test_move_and_cancel_keep_the_uid_and_raise_the_sequence(pair):
    meeting = services.propose(pair.pk, pair.mentee.user, slot(date(2026, 11, 26)))
    uid = meeting.uid
    with pytest.raises(services.MeetingError):
        services.reschedule(meeting.pk, pair.mentor.user, slot(date(2026, 11, 27)), " ")
    moved = services.reschedule(
        meeting.pk, pair.mentor.user, slot(date(2026, 11, 27)), "Réunion du personnel"
    )
    assert (moved.uid, moved.sequence, moved.status) == (uid, 1, MeetingStatus.PROPOSED)
    assert moved.proposed_by == pair.mentor.user
    cancelled = services.cancel(meeting.pk, pair.mentee.user, "Malade")
    assert (cancelled.uid, cancelled.sequence) == (uid, 2)
    with pytest.raises(services.MeetingError):
        services.cancel(meeting.pk, pair.mentee.user, "Encore")


def test_series_skips_closure_days_and_stops_at_the_cohort_end(pair, org_a):
    ClosureDay.objects.create(organization=org_a, day=date(2026, 12, 8), label="Tempête")
    result = services.propose_series(
        pair.pk, pair.mentee.user, slot(date(2026, 11, 24)), 2, date(2027, 1, 31)
    )
    days = [timezone.localtime(m.starts_at).date() for m in result.created]
    assert days[:3] == [date(2026, 11, 24), date(2026, 12, 22), date(2027, 1, 5)]
    assert (date(2026, 12, 8), "Tempête") in result.skipped
    assert all(timezone.localtime(m.starts_at).hour == 15 for m in result.created)
    count = services.confirm_series(result.series.pk, pair.mentor.user)
    assert count == len(result.created)
    assert not Meeting.objects.filter(status=MeetingStatus.PROPOSED).exists()


def test_series_keeps_the_wall_clock_time_across_daylight_saving(pair):
    result = services.propose_series(
        pair.pk, pair.mentee.user, slot(date(2026, 12, 1), hour=16), 8, date(2027, 5, 31)
    )
    hours = {timezone.localtime(m.starts_at).hour for m in result.created}
    assert hours == {16}
    assert len(result.created) >= 3
