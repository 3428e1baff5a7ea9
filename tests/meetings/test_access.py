"""Who may open each remaining meetings page, and constant query counts."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from meetings.models import Meeting, MeetingStatus
from programs.models import GuardianLink
from tests.factories import UserFactory

START = datetime(2026, 11, 2, 15, tzinfo=ZoneInfo("America/Toronto"))


@pytest.fixture
def parent(pair):
    user = UserFactory(full_name="Nathalie Fortin")
    GuardianLink.objects.create(participant=pair.mentee, guardian=user)
    return user


def people(pair, claire, oscar, parent):
    return {
        "mentor": pair.mentor.user,
        "mentee": pair.mentee.user,
        "parent": parent,
        "coordinator": claire,
        "oscar": oscar,
        "stranger": UserFactory(),
    }


@pytest.mark.parametrize(
    ("who", "digest", "concern"),
    [
        ("mentor", 404, 200),
        ("mentee", 404, 200),
        ("parent", 200, 200),
        ("coordinator", 200, 404),
        ("oscar", 404, 404),
        ("stranger", 404, 404),
    ],
)
def test_digest_and_concern_access(client, pair, claire, oscar, parent, who, digest, concern):
    client.force_login(people(pair, claire, oscar, parent)[who])
    assert client.get(reverse("meetings:digest", args=[pair.pk])).status_code == digest
    assert client.get(reverse("meetings:concern_create", args=[pair.pk])).status_code == concern


def test_anonymous_is_sent_to_sign_in(client, pair):
    for url in (
        reverse("meetings:digest", args=[pair.pk]),
        reverse("meetings:concern_create", args=[pair.pk]),
        reverse("meetings:calendar_settings"),
        reverse("meetings:board", args=[pair.mentee.cohort_id]),
    ):
        assert client.get(url).status_code == 302


def test_outsiders_cannot_act_on_a_meeting(client, pair, claire, oscar, parent):
    meeting = Meeting.objects.create(
        pairing=pair,
        starts_at=START + timedelta(days=30),
        duration_minutes=60,
        place="Local",
        proposed_by=pair.mentee.user,
    )
    for user in (claire, oscar, parent, UserFactory()):
        client.force_login(user)
        for action in ("confirm", "cancel"):
            url = reverse("meetings:meeting_action", args=[meeting.pk, action])
            assert client.post(url, {"cancel-reason": "x"}).status_code == 404
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PROPOSED


def test_digest_queries_stay_flat(client, pair, parent, django_assert_max_num_queries):
    client.force_login(parent)
    counts = []
    for n in (5, 50):
        Meeting.objects.bulk_create(
            Meeting(
                pairing=pair,
                starts_at=START - timedelta(days=i + len(counts) * 60),
                duration_minutes=60,
                place="Local",
                status=MeetingStatus.HELD,
                proposed_by=pair.mentor.user,
            )
            for i in range(n)
        )
        with django_assert_max_num_queries(10) as captured:
            assert client.get(reverse("meetings:digest", args=[pair.pk])).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_calendar_settings_page(client, pair, django_assert_max_num_queries):
    client.force_login(pair.mentee.user)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("meetings:calendar_settings"))
    assert response.status_code == 200
