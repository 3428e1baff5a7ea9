"""Reminders picked from the database at each beat tick: 24 h before a confirmed meeting, a log
request 48 h after, a nudge when the pair's rhythm is about to slip; each message once, only
for active pairs and people who want them, in the recipient's language."""

from datetime import date, datetime, timedelta
from smtplib import SMTPRecipientsRefused
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.mail.backends import locmem
from django.template.loader import render_to_string
from django.utils import translation

from accounts.models import Notification, NotificationStatus
from matching.models import Pairing, PairingStatus
from meetings import reminders
from meetings.models import Meeting, MeetingLog, MeetingStatus
from meetings.tasks import send_due_reminders
from mentorat.mail import one_line
from programs.models import ParticipantRole
from tests.factories import CohortFactory, PairingFactory, ParticipantFactory, ProgramFactory

TORONTO = ZoneInfo("America/Toronto")
START = datetime(2026, 4, 14, 15, tzinfo=TORONTO)  # the meeting, a Tuesday afternoon
STARTED_ON = date(2026, 4, 6)  # the pair started the week before
STARTED = datetime(2026, 4, 6, tzinfo=TORONTO)  # its first day, 00:00


def counts(failed=0, retry=0, **recorded):
    """A tick's figures: reminders recorded per kind; then what the outbox sent (here, all that
    was recorded but the failures), refused for good, or kept for a retry."""
    kinds = {"meeting": 0, "log_request": 0, "nudge": 0, **recorded}
    sent = sum(kinds.values()) - failed - retry
    return {**kinds, "sent": sent, "failed": failed, "retry": retry}


NOTHING = counts()


def tick(moment):
    """One beat tick at `moment`."""
    with time_machine.travel(moment, tick=False):
        return reminders.send_due()


def book(pairing, starts_at=START, status=MeetingStatus.CONFIRMED, **extra):
    return Meeting.objects.create(
        pairing=pairing,
        starts_at=starts_at,
        duration_minutes=60,
        place="Local 204",
        status=status,
        proposed_by=pairing.mentee.user,
        **extra,
    )


def recipients(mailoutbox):
    return sorted(message.to[0] for message in mailoutbox)


@pytest.fixture
def active(pair):
    """The active pair, started on STARTED_ON (target: a meeting every 14 days)."""
    pair.started_on = STARTED_ON
    pair.save(update_fields=["started_on"])
    return pair


@pytest.fixture
def both(active):
    return sorted([active.mentor.user.email, active.mentee.user.email])


def make_pair(interval_days, started_on=STARTED_ON):
    """An active pair in a program of its own with this target interval."""
    program = ProgramFactory(target_meeting_interval_days=interval_days)
    cohort = CohortFactory(program=program)
    mentor = ParticipantFactory(cohort=cohort, role=ParticipantRole.MENTOR)
    mentee = ParticipantFactory(cohort=cohort, role=ParticipantRole.MENTEE)
    return PairingFactory(
        mentor=mentor,
        mentee=mentee,
        started_on=started_on,
    )


# --- Meeting reminder, 24 hours before --------------------------------------------------------


def test_meeting_reminder_fires_within_24_hours_once_per_person(active, both, mailoutbox):
    meeting = book(active)
    assert tick(START - timedelta(hours=25)) == NOTHING
    assert tick(START - timedelta(hours=24, seconds=1)) == NOTHING
    assert tick(START - timedelta(hours=24)) == counts(meeting=2)  # the window's edge
    assert recipients(mailoutbox) == both
    assert tick(START - timedelta(hours=23)) == NOTHING  # the next ticks send nothing new
    assert tick(START - timedelta(minutes=5)) == NOTHING
    assert tick(START + timedelta(minutes=5)) == NOTHING
    assert len(mailoutbox) == 2
    keys = set(Notification.objects.values_list("key", flat=True))
    assert keys == {f"meeting:{meeting.pk}:reminder:2026-04-14T19:00:00+00:00"}
    mentor_mail = next(m for m in mailoutbox if m.to == [active.mentor.user.email])
    assert active.mentee.user.full_name in mentor_mail.body  # who they meet
    assert "Local 204" in mentor_mail.body
    assert f"/fr/rencontres/{meeting.pk}/" in mentor_mail.body
    # in Toronto time, French format ("15 h" with non-breaking spaces)
    assert "14 avril 2026 à 15\u00a0h" in mentor_mail.subject


def test_a_meeting_already_started_or_never_confirmed_gets_no_reminder(active, mailoutbox):
    book(active, status=MeetingStatus.PROPOSED)
    book(active, starts_at=START + timedelta(hours=2), status=MeetingStatus.CANCELLED)
    book(active, starts_at=START + timedelta(hours=4), status=MeetingStatus.MISSED)
    assert tick(START - timedelta(hours=23)) == NOTHING
    assert mailoutbox == []


def test_a_moved_meeting_reminds_again(active, both, mailoutbox):
    meeting = book(active)
    assert tick(START - timedelta(hours=23)) == counts(meeting=2)
    meeting.starts_at = START + timedelta(days=2)
    meeting.save(update_fields=["starts_at"])
    assert tick(START - timedelta(hours=22)) == NOTHING  # 2 days and 22 hours away
    assert tick(START + timedelta(days=1, hours=1)) == counts(meeting=2)
    assert tick(START + timedelta(days=1, hours=2)) == NOTHING
    assert recipients(mailoutbox) == sorted(both * 2)
    assert "16 avril 2026 à 15\u00a0h" in mailoutbox[-1].subject


def test_a_cancelled_meeting_gets_no_reminder(active, mailoutbox):
    meeting = book(active)
    meeting.status = MeetingStatus.CANCELLED
    meeting.save(update_fields=["status"])
    assert tick(START - timedelta(hours=23)) == NOTHING
    assert mailoutbox == []


@pytest.mark.parametrize("status", [PairingStatus.PAUSED, PairingStatus.CLOSED])
def test_a_paused_or_closed_pair_never_gets_reminders(active, mailoutbox, status):
    book(active)  # would remind 24 h before
    book(active, starts_at=START - timedelta(days=3))  # would ask for a log
    Pairing.objects.filter(pk=active.pk).update(status=status)
    assert tick(START - timedelta(hours=23)) == NOTHING
    Meeting.objects.filter(starts_at__gt=START - timedelta(days=1)).delete()
    assert tick(START + timedelta(days=30)) == NOTHING  # nor a nudge, a month without meeting
    assert mailoutbox == []


def test_people_who_turned_reminders_off_or_left_get_none(active, mailoutbox):
    mentee = active.mentee.user
    mentee.email_reminders = False
    mentee.save(update_fields=["email_reminders"])
    book(active)
    assert tick(START - timedelta(hours=23)) == counts(meeting=1)
    assert recipients(mailoutbox) == [active.mentor.user.email]
    mentor = active.mentor.user
    mentor.is_active = False
    mentor.save(update_fields=["is_active"])
    book(active, starts_at=START + timedelta(days=1))
    assert tick(START + timedelta(hours=1)) == NOTHING
    assert len(mailoutbox) == 1


def test_messages_are_in_each_recipients_language(active, mailoutbox):
    mentor, mentee = active.mentor.user, active.mentee.user
    mentor.language, mentee.language = "en", "fr"
    mentor.save(update_fields=["language"])
    mentee.save(update_fields=["language"])
    meeting = book(active)
    tick(START - timedelta(hours=23))
    english = next(m for m in mailoutbox if m.to == [mentor.email])
    french = next(m for m in mailoutbox if m.to == [mentee.email])
    assert english.subject == "Reminder: mentoring meeting on April 14, 2026, 3:00 p.m."
    assert "A reminder: on April 14, 2026, 3:00 p.m., you meet Julie Fortin." in english.body
    assert "/en/" in english.body
    assert "14 avril 2026 à 15\u00a0h" in french.subject
    assert "/fr/" in french.body
    context = {"user": mentee, "meeting": meeting, "partner": mentor, "url": ""}
    with translation.override("fr"):
        subject = one_line(render_to_string("emails/reminder_meeting/subject.txt", context))
    assert french.subject == subject  # subjects are one line: white space folded
    assert french.subject.startswith("Rappel")
    html = dict((kind, body) for body, kind in english.alternatives)["text/html"]
    assert "Julie Fortin" in html


def test_the_beat_task_sends_what_is_due(active, mailoutbox):
    assert settings.CELERY_BEAT_SCHEDULE["send-reminders"]["task"] == send_due_reminders.name
    book(active)
    with time_machine.travel(START - timedelta(hours=23), tick=False):
        assert send_due_reminders.delay().get() == counts(meeting=2)
        assert send_due_reminders.delay().get() == NOTHING
    assert len(mailoutbox) == 2


class RefusingBackend(locmem.EmailBackend):
    """The SMTP server refuses addresses at refuse.example."""

    def send_messages(self, messages):
        for message in messages:
            if message.to[0].endswith("@refuse.example"):
                raise SMTPRecipientsRefused({message.to[0]: (550, b"No such user")})
        return super().send_messages(messages)


def test_a_refused_address_does_not_block_the_others(active, mailoutbox, settings):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    mentee = active.mentee.user
    mentee.email = "julie@refuse.example"
    mentee.save(update_fields=["email"])
    book(active)
    book(active, starts_at=START - timedelta(hours=3))
    assert tick(START - timedelta(hours=23)) == counts(meeting=4, failed=2)
    assert recipients(mailoutbox) == [active.mentor.user.email] * 2
    refused = Notification.objects.filter(user=mentee)
    assert {n.status for n in refused} == {NotificationStatus.FAILED}
    assert all("550" in n.last_error for n in refused)  # the server's reason, for follow-up
    # a 550 does not change on a retry: the next ticks neither resend nor wait on it
    assert tick(START - timedelta(hours=22)) == NOTHING
    assert len(mailoutbox) == 2


# --- Log request, 48 hours after --------------------------------------------------------------


def test_log_request_48_hours_after_to_the_mentor_once(active, mailoutbox):
    meeting = book(active)
    tick(START - timedelta(hours=23))
    mailoutbox.clear()
    assert tick(START + timedelta(hours=47, minutes=59)) == NOTHING
    assert tick(START + timedelta(hours=48)) == counts(log_request=1)
    assert recipients(mailoutbox) == [active.mentor.user.email]
    assert f"/fr/rencontres/{meeting.pk}/" in mailoutbox[0].body
    assert active.mentee.user.full_name in mailoutbox[0].body
    assert tick(START + timedelta(hours=49)) == NOTHING
    assert tick(START + timedelta(days=5)) == NOTHING
    assert len(mailoutbox) == 1


def test_held_meeting_without_log_is_asked_for_but_not_a_logged_or_missed_one(active, mailoutbox):
    held = book(active, status=MeetingStatus.HELD)
    logged = book(active, starts_at=START + timedelta(hours=2), status=MeetingStatus.HELD)
    MeetingLog.objects.create(
        meeting=logged, author=active.mentor.user, duration_minutes=50, topics="Examens"
    )
    book(active, starts_at=START + timedelta(hours=4), status=MeetingStatus.MISSED)
    book(active, starts_at=START + timedelta(hours=6), status=MeetingStatus.CANCELLED)
    assert tick(START + timedelta(days=3)) == counts(log_request=1)
    assert set(Notification.objects.values_list("key", flat=True)) == {
        f"meeting:{held.pk}:log-request"
    }


def test_no_log_request_once_logged_or_after_14_days(active, mailoutbox):
    logged = book(active)
    MeetingLog.objects.create(
        meeting=logged, author=active.mentor.user, duration_minutes=50, topics="Examens"
    )
    book(active, starts_at=START + timedelta(days=1))
    book(active, starts_at=START + timedelta(days=20))  # planned: no nudge either
    assert tick(START + timedelta(days=15, hours=1)) == NOTHING  # its 14 days are over
    assert mailoutbox == []


# --- Nudge when the target interval is about to be missed --------------------------------------


def test_nudge_when_nothing_happened_since_the_pair_started(active, both, mailoutbox):
    # target 14 days: nudged once the last contact (6 April, 00:00) is more than 11 days old
    assert tick(STARTED + timedelta(days=11)) == NOTHING
    assert tick(STARTED + timedelta(days=11, minutes=5)) == counts(nudge=2)
    assert recipients(mailoutbox) == both
    assert "6 avril 2026" in mailoutbox[0].body
    assert f"/fr/rencontres/paires/{active.pk}/" in mailoutbox[0].body
    assert tick(STARTED + timedelta(days=12)) == NOTHING  # once per gap
    assert tick(STARTED + timedelta(days=40)) == NOTHING
    assert set(Notification.objects.values_list("key", flat=True)) == {
        f"pairing:{active.pk}:nudge:2026-04-06"
    }


def test_no_nudge_while_a_meeting_is_planned(active, both, mailoutbox):
    proposed = book(active, starts_at=STARTED + timedelta(days=20), status=MeetingStatus.PROPOSED)
    assert tick(STARTED + timedelta(days=12)) == NOTHING
    proposed.status = MeetingStatus.CANCELLED
    proposed.save(update_fields=["status"])
    assert tick(STARTED + timedelta(days=12, minutes=5)) == counts(nudge=2)
    assert recipients(mailoutbox) == both


def test_nudge_again_after_the_next_meeting(active, both, mailoutbox):
    meeting = book(active)  # 14 April, logged after
    with time_machine.travel(START + timedelta(hours=2), tick=False):
        MeetingLog.objects.create(
            meeting=meeting, author=active.mentor.user, duration_minutes=45, topics="Examens"
        )
    assert tick(START + timedelta(days=11)) == NOTHING  # last contact: 14 April, 15:00
    assert tick(START + timedelta(days=11, minutes=5)) == counts(nudge=2)
    assert recipients(mailoutbox) == both
    assert "14 avril 2026" in mailoutbox[0].body
    assert tick(START + timedelta(days=11, hours=1)) == NOTHING
    assert Notification.objects.filter(key=f"pairing:{active.pk}:nudge:2026-04-14").count() == 2


def test_nudge_threshold_follows_each_programs_interval(db, mailoutbox):
    daily = make_pair(2)  # nudged after 1 day, at least
    weekly = make_pair(7)  # nudged after 4 days
    monthly = make_pair(30)  # nudged after 27 days
    assert tick(STARTED + timedelta(hours=23)) == NOTHING
    assert tick(STARTED + timedelta(days=1, minutes=5)) == counts(nudge=2)
    assert tick(STARTED + timedelta(days=4, minutes=5)) == counts(nudge=2)
    assert tick(STARTED + timedelta(days=26)) == NOTHING
    assert tick(STARTED + timedelta(days=27, minutes=5)) == counts(nudge=2)
    assert [
        Notification.objects.filter(key__startswith=f"pairing:{p.pk}:nudge:").count()
        for p in (daily, weekly, monthly)
    ] == [2, 2, 2]


# --- Cost of a tick ---------------------------------------------------------------------------


def test_a_tick_costs_a_constant_number_of_queries(active, django_assert_max_num_queries):
    book(active, starts_at=START + timedelta(days=5))  # planned, not due
    with time_machine.travel(START - timedelta(hours=23), tick=False):
        with django_assert_max_num_queries(6):  # the three scans, then the outbox (2)
            assert reminders.send_due() == NOTHING
    for n in (2, 12):
        for _ in range(n):
            pairing = make_pair(14)
            book(pairing)
            book(pairing, starts_at=START - timedelta(days=3))
        tick(START - timedelta(hours=23))  # sends: reminders and log requests now recorded
        with time_machine.travel(START - timedelta(hours=22), tick=False):
            with django_assert_max_num_queries(8):
                assert reminders.send_due() == NOTHING
