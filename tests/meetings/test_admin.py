"""Closure days and meetings in the coordination admin, scoped to the organization."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from meetings.models import ClosureDay, Meeting


@pytest.fixture
def closure(org_a):
    return ClosureDay.objects.create(organization=org_a, day=date(2027, 3, 1), label="Relâche")


@pytest.fixture
def meeting(pair):
    return Meeting.objects.create(
        pairing=pair,
        starts_at=datetime(2026, 12, 2, 15, tzinfo=ZoneInfo("America/Toronto")),
        duration_minutes=60,
        place="Local 204",
        proposed_by=pair.mentee.user,
    )


@pytest.mark.parametrize(("who", "code"), [("claire", 200), ("oscar", 404), ("marc", 403)])
def test_closure_days_and_meetings_belong_to_the_organization(
    client, cast, closure, meeting, who, code
):
    client.force_login(cast[who])
    for name, obj in (("closureday", closure), ("meeting", meeting)):
        change = reverse(f"coordination:meetings_{name}_change", args=[obj.pk])
        assert client.get(change).status_code == code
        listing = client.get(reverse(f"coordination:meetings_{name}_changelist"))
        assert (str(obj) in listing.content.decode()) == (who == "claire")


def test_coordinator_adds_a_closure_day(client, claire, org_a):
    client.force_login(claire)
    response = client.post(
        reverse("coordination:meetings_closureday_add"),
        {
            "organization": org_a.pk,
            "day": "2027-01-08",
            "label": "Journée pédagogique",
            "kind": "pedagogical",
        },
    )
    assert response.status_code == 302
    assert ClosureDay.objects.get().label == "Journée pédagogique"


def test_meetings_are_read_only_in_the_admin(client, claire, meeting):
    client.force_login(claire)
    url = reverse("coordination:meetings_meeting_change", args=[meeting.pk])
    assert client.post(url, {"duration_minutes": 5}).status_code == 403


@pytest.mark.parametrize("name", ["closureday", "meeting"])
def test_admin_lists_keep_a_flat_query_count(
    client, claire, org_a, pair, name, django_assert_max_num_queries
):
    from datetime import timedelta

    client.force_login(claire)
    counts = []
    start = datetime(2026, 12, 2, 15, tzinfo=ZoneInfo("America/Toronto"))
    for n in (5, 45):
        offset = len(counts) * 100
        ClosureDay.objects.bulk_create(
            ClosureDay(
                organization=org_a, day=date(2027, 1, 1) + timedelta(days=offset + i), label="Fermé"
            )
            for i in range(n)
        )
        Meeting.objects.bulk_create(
            Meeting(
                pairing=pair,
                starts_at=start + timedelta(days=offset + i),
                duration_minutes=60,
                place="Local",
                proposed_by=pair.mentor.user,
            )
            for i in range(n)
        )
        with django_assert_max_num_queries(12) as captured:
            assert (
                client.get(reverse(f"coordination:meetings_{name}_changelist")).status_code == 200
            )
        counts.append(len(captured))
    assert counts[0] == counts[1]
