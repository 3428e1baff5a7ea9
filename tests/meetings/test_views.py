"""Meeting pages and calendars: who may see them, forms that keep input, ICS read back."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from icalendar import Calendar

from meetings import services
from meetings.models import CalendarFeed, ClosureDay, Meeting, MeetingStatus
from meetings.services import Slot
from tests.factories import TrainingSessionFactory, UserFactory

TORONTO = ZoneInfo("America/Toronto")
NOW = datetime(2026, 11, 23, 9, tzinfo=TORONTO)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def at(day, hour=15):
    return datetime(day.year, day.month, day.day, hour, tzinfo=TORONTO)


@pytest.fixture
def meeting(pair):
    return services.propose(
        pair.pk, pair.mentee.user, Slot(at(date(2026, 11, 26)), 60, place="Café étudiant")
    )


def people(pair, claire, oscar):
    return {
        "mentor": pair.mentor.user,
        "mentee": pair.mentee.user,
        "coordinator": claire,
        "oscar": oscar,
        "stranger": UserFactory(),
    }


@pytest.mark.parametrize(
    ("who", "code"),
    [("mentor", 200), ("mentee", 200), ("coordinator", 200), ("oscar", 404), ("stranger", 404)],
)
def test_meeting_pages_access(client, pair, meeting, claire, oscar, who, code):
    client.force_login(people(pair, claire, oscar)[who])
    assert client.get(reverse("meetings:pairing_meetings", args=[pair.pk])).status_code == code
    assert client.get(meeting.get_absolute_url()).status_code == code
    assert client.get(reverse("meetings:meeting_ics", args=[meeting.pk])).status_code == code


def test_anonymous_is_sent_to_sign_in(client, pair, meeting):
    assert client.get(meeting.get_absolute_url()).status_code == 302


def test_coordinator_reads_but_cannot_act(client, pair, meeting, claire):
    client.force_login(claire)
    url = reverse("meetings:meeting_action", args=[meeting.pk, "confirm"])
    assert client.post(url).status_code == 404
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PROPOSED


def test_propose_through_the_page_and_confirm(client, pair):
    client.force_login(pair.mentee.user)
    url = reverse("meetings:pairing_meetings", args=[pair.pk])
    response = client.post(
        url,
        {
            "meeting-day": "2026-11-27",
            "meeting-start": "15:30",
            "meeting-duration_minutes": "45",
            "meeting-mode": "in_person",
            "meeting-place": "Local 204",
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.starts_at == datetime(2026, 11, 27, 15, 30, tzinfo=TORONTO)
    client.force_login(pair.mentor.user)
    client.post(reverse("meetings:meeting_action", args=[meeting.pk, "confirm"]))
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CONFIRMED


def test_closure_day_warns_keeps_input_and_allows_when_confirmed(client, pair, org_a):
    ClosureDay.objects.create(
        organization=org_a, day=date(2026, 12, 1), label="Journée pédagogique"
    )
    client.force_login(pair.mentee.user)
    url = reverse("meetings:pairing_meetings", args=[pair.pk])
    data = {
        "meeting-day": "2026-12-01",
        "meeting-start": "15:00",
        "meeting-duration_minutes": "60",
        "meeting-mode": "in_person",
        "meeting-place": "<b>Local</b> 204",
    }
    warned = client.post(url, data)
    content = warned.content.decode()
    assert warned.status_code == 400
    assert "Journée pédagogique" in content
    assert 'value="&lt;b&gt;Local&lt;/b&gt; 204"' in content
    assert not Meeting.objects.exists()
    confirmed = client.post(url, {**data, "meeting-confirmed": "on"})
    assert confirmed.status_code == 302
    assert Meeting.objects.get().place == "<b>Local</b> 204"


def test_end_before_start_and_long_text_are_refused(client, pair):
    client.force_login(pair.mentee.user)
    url = reverse("meetings:pairing_meetings", args=[pair.pk])
    response = client.post(
        url,
        {
            "meeting-day": "2026-11-27",
            "meeting-start": "15:00",
            "meeting-duration_minutes": "-30",
            "meeting-mode": "in_person",
            "meeting-place": "x" * 10000,
        },
    )
    assert response.status_code == 400
    assert not Meeting.objects.exists()


def test_ics_is_valid_with_timezone_uid_and_sequence(client, pair, meeting):
    client.force_login(pair.mentor.user)
    first = Calendar.from_ical(
        client.get(reverse("meetings:meeting_ics", args=[meeting.pk])).content
    )
    event = first.walk("VEVENT")[0]
    assert first.walk("VTIMEZONE")[0]["TZID"] == "America/Toronto"
    assert event["DTSTART"].params["TZID"] == "America/Toronto"
    assert event.decoded("DTSTART") == datetime(2026, 11, 26, 15, tzinfo=TORONTO)
    assert str(event["STATUS"]) == "TENTATIVE"
    services.cancel(meeting.pk, pair.mentor.user, "Empêchement")
    second = Calendar.from_ical(
        client.get(reverse("meetings:meeting_ics", args=[meeting.pk])).content
    )
    cancelled = second.walk("VEVENT")[0]
    assert str(cancelled["UID"]) == str(event["UID"])
    assert int(cancelled["SEQUENCE"]) > int(event["SEQUENCE"])
    assert str(cancelled["STATUS"]) == "CANCELLED"


def test_personal_feed_is_secret_revocable_and_regenerable(client, pair, meeting):
    user = pair.mentee.user
    TrainingSessionFactory(
        cohort=pair.mentee.cohort, title="Atelier des mentorés"
    ).attendances.create(participant=pair.mentee)
    client.force_login(user)
    client.post(reverse("meetings:calendar_settings"), {"regenerate": "1"})
    token = CalendarFeed.objects.get(user=user).token
    client.logout()
    feed_url = reverse("calendar_feed", args=[token])
    calendar = Calendar.from_ical(client.get(feed_url).content)
    summaries = {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}
    assert "Atelier des mentorés" in summaries
    assert len(summaries) == 2
    client.force_login(user)
    client.post(reverse("meetings:calendar_settings"), {"regenerate": "1"})
    assert client.get(feed_url).status_code == 404  # the old address stops working
    new_url = reverse("calendar_feed", args=[CalendarFeed.objects.get(user=user).token])
    client.post(reverse("meetings:calendar_settings"), {"revoke": "1"})
    revoked = client.get(new_url)
    assert revoked.status_code == 404
    assert "révoquée" in revoked.content.decode()


def test_feed_with_many_meetings_keeps_a_flat_query_count(
    pair, client, django_assert_max_num_queries
):
    feed = services.regenerate_feed(pair.mentee.user)
    url = reverse("calendar_feed", args=[feed.token])
    counts = []
    for n in (5, 50):
        Meeting.objects.bulk_create(
            Meeting(
                pairing=pair,
                starts_at=at(date(2026, 12, 1)) + timedelta(days=i + len(counts) * 60),
                duration_minutes=60,
                place="Local",
                proposed_by=pair.mentor.user,
            )
            for i in range(n)
        )
        with django_assert_max_num_queries(8) as captured:
            client.get(url)
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_pair_page_query_count_is_flat(client, pair, django_assert_max_num_queries):
    client.force_login(pair.mentee.user)
    url = reverse("meetings:pairing_meetings", args=[pair.pk])
    counts = []
    for n in (5, 50):
        Meeting.objects.bulk_create(
            Meeting(
                pairing=pair,
                starts_at=at(date(2026, 12, 1)) + timedelta(days=i + len(counts) * 60),
                duration_minutes=60,
                place="Local",
                proposed_by=pair.mentor.user,
            )
            for i in range(n)
        )
        with django_assert_max_num_queries(12) as captured:
            client.get(url)
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_portal_lists_upcoming_meetings(client, pair, meeting):
    client.force_login(pair.mentor.user)
    content = client.get(reverse("programs:portal")).content.decode()
    assert meeting.get_absolute_url() in content
    assert reverse("meetings:pairing_meetings", args=[pair.pk]) in content


def test_move_form_starts_from_the_meetings_date_and_time(client, pair, meeting):
    client.force_login(pair.mentor.user)
    content = client.get(meeting.get_absolute_url()).content.decode()
    assert 'value="2026-11-26"' in content  # a date input only accepts YYYY-MM-DD
    assert 'value="15:00"' in content


def test_the_calendar_page_offers_subscription_links_and_says_created_the_first_time(client, pair):
    client.force_login(pair.mentor.user)
    url = reverse("meetings:calendar_settings")
    response = client.post(url, {"regenerate": "1"}, follow=True)
    page = response.content.decode()
    assert "Votre adresse de calendrier est créée." in page
    assert "ne fonctionne plus" not in page
    assert 'href="webcal://testserver/calendrier/' in page
    assert "https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2F" in page
    assert "https://outlook.live.com/calendar/0/addfromweb?url=http%3A%2F%2F" in page
    again = client.post(url, {"regenerate": "1"}, follow=True).content.decode()
    assert "la précédente ne fonctionne plus" in again


def test_a_past_meeting_offers_no_ics_button(client, pair):
    from django.utils import timezone

    from meetings.models import Meeting, MeetingStatus

    past = Meeting.objects.create(
        pairing=pair,
        starts_at=timezone.now() - timedelta(days=2),
        duration_minutes=60,
        status=MeetingStatus.HELD,
    )
    client.force_login(pair.mentor.user)
    page = client.get(reverse("meetings:meeting_detail", args=[past.pk])).content.decode()
    assert ".ics" not in page
