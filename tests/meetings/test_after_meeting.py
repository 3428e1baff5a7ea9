"""After a meeting: the mentor's record and log, ratings, and private notes no one else reads."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from meetings import services
from meetings.models import Meeting, MeetingLog, MeetingStatus, PrivateNote
from programs.admin import coordination_site

TORONTO = ZoneInfo("America/Toronto")
START = datetime(2026, 11, 26, 15, tzinfo=TORONTO)


@pytest.fixture
def meeting(pair):
    return Meeting.objects.create(
        pairing=pair,
        starts_at=START,
        duration_minutes=60,
        place="Local 204",
        status=MeetingStatus.CONFIRMED,
        proposed_by=pair.mentee.user,
    )


OUTCOME = {
    "outcome-held": "1",
    "outcome-mentor_attended": "on",
    "outcome-mentee_attended": "on",
    "outcome-duration_minutes": "50",
    "outcome-topics": "Organisation du travail, examens",
    "outcome-academic": "on",
    "outcome-personal": "on",
    "outcome-next_steps": "Faire un horaire d'étude",
}


def test_a_log_for_a_meeting_that_has_not_happened_is_refused(client, pair, meeting):
    with time_machine.travel(START - timedelta(hours=2), tick=False):
        client.force_login(pair.mentor.user)  # sessions last 12 hours: sign in at that time
        response = client.post(meeting.get_absolute_url(), OUTCOME, follow=True)
    assert not MeetingLog.objects.exists()
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CONFIRMED


def test_mentor_records_attendance_and_log(client, pair, meeting):
    with time_machine.travel(START + timedelta(hours=2), tick=False):
        client.force_login(pair.mentor.user)
        response = client.post(meeting.get_absolute_url(), OUTCOME)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
    log = meeting.log
    assert (log.duration_minutes, log.academic, log.professional, log.personal) == (
        50,
        True,
        False,
        True,
    )
    # the mentee cannot record it
    with (
        time_machine.travel(START + timedelta(hours=3), tick=False),
        pytest.raises(services.MeetingError),
    ):
        services.record_outcome(meeting.pk, pair.mentee.user, services.LogEntry(True, True, True))


def test_missed_meeting_needs_no_log(pair, meeting):
    with time_machine.travel(START + timedelta(days=1), tick=False):
        services.record_outcome(meeting.pk, pair.mentor.user, services.LogEntry(False, True, False))
    meeting.refresh_from_db()
    assert (meeting.status, meeting.mentee_attended) == (MeetingStatus.MISSED, False)


def test_each_party_rates_once_from_1_to_5(pair, meeting):
    with time_machine.travel(START + timedelta(hours=1), tick=False):
        services.rate(meeting.pk, pair.mentee.user, 4)
        services.rate(meeting.pk, pair.mentee.user, 5)
        services.rate(meeting.pk, pair.mentor.user, 3)
        with pytest.raises(services.MeetingError):
            services.rate(meeting.pk, pair.mentor.user, 6)
    assert sorted(meeting.ratings.values_list("rating", flat=True)) == [3, 5]


def test_private_notes_are_read_by_their_author_only(client, pair, meeting, claire):
    secret = "Je m’inquiète un peu pour Julie"
    client.force_login(pair.mentor.user)
    client.post(meeting.get_absolute_url(), {"note-text": secret})
    assert PrivateNote.objects.get().author == pair.mentor.user
    assert secret in client.get(meeting.get_absolute_url()).content.decode()
    for reader in (pair.mentee.user, claire):
        client.force_login(reader)
        assert secret not in client.get(meeting.get_absolute_url()).content.decode()
        assert (
            secret
            not in client.get(reverse("meetings:pairing_meetings", args=[pair.pk])).content.decode()
        )
        assert not PrivateNote.objects.for_user(reader).exists()
    assert PrivateNote not in coordination_site._registry  # never in the admin
    ics = client.get(reverse("meetings:meeting_ics", args=[meeting.pk])).content.decode()
    assert secret not in ics


def test_a_10000_character_note_is_refused_and_kept_in_the_form(client, pair, meeting):
    client.force_login(pair.mentee.user)
    text = "é" * 10000
    response = client.post(meeting.get_absolute_url(), {"note-text": text})
    assert response.status_code == 400
    assert text in response.content.decode()
    assert not PrivateNote.objects.exists()


def test_meeting_page_queries_stay_flat(client, pair, meeting, django_assert_max_num_queries):
    client.force_login(pair.mentor.user)
    counts = []
    for n in (5, 50):
        Meeting.objects.bulk_create(
            Meeting(
                pairing=pair,
                starts_at=START + timedelta(days=10 + i + len(counts) * 60),
                duration_minutes=60,
                place="Local",
                proposed_by=pair.mentee.user,
            )
            for i in range(n)
        )
        with django_assert_max_num_queries(14) as captured:
            client.get(meeting.get_absolute_url())
        counts.append(len(captured))
    assert counts[0] == counts[1]
