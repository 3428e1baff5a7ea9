"""Follow-up: pair health from the database, the board, concerns, interventions, parents'
digest and group meetings."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from accounts.outbox import send_due as deliver
from matching.models import Pairing, PairingStatus, PairRule
from meetings import health, services
from meetings.models import (
    Concern,
    GroupInvitation,
    GroupMeeting,
    HealthColor,
    Meeting,
    MeetingLog,
    MeetingRating,
    MeetingStatus,
    PairHealth,
)
from programs.models import GuardianLink, ParticipantRole
from tests.factories import ParticipantFactory, UserFactory

TORONTO = ZoneInfo("America/Toronto")
NOW = datetime(2026, 11, 23, 9, tzinfo=TORONTO)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def held(pairing, days_ago, **extra):
    return Meeting.objects.create(
        pairing=pairing,
        starts_at=NOW - timedelta(days=days_ago),
        duration_minutes=60,
        place="Local",
        status=extra.pop("status", MeetingStatus.HELD),
        proposed_by=pairing.mentor.user,
        **extra,
    )


def color(pairing):
    health.refresh(Pairing.objects.filter(pk=pairing.pk))
    return PairHealth.objects.get(pairing=pairing).color


def test_health_follows_meetings_against_the_target(pair):
    # target: every 14 days (factory default); the pair started today, never met: green
    assert color(pair) == HealthColor.GREEN
    held(pair, 20)
    assert color(pair) == HealthColor.AMBER  # more than the target since the last contact
    held(pair, 3)
    assert color(pair) == HealthColor.GREEN
    for days in (5, 6, 7):
        held(pair, days, status=MeetingStatus.MISSED)
    assert color(pair) == HealthColor.RED  # three missed meetings


def test_low_ratings_and_concerns_change_health(pair):
    meeting = held(pair, 2)
    MeetingRating.objects.create(meeting=meeting, rater=pair.mentee.user, rating=1)
    assert color(pair) == HealthColor.RED
    MeetingRating.objects.all().delete()
    Concern.objects.create(pairing=pair, raised_by=pair.mentor.user, text="Absences")
    assert color(pair) == HealthColor.AMBER
    Concern.objects.create(
        pairing=pair, raised_by=pair.mentor.user, text="Danger", kind="safety", urgent=True
    )
    assert color(pair) == HealthColor.RED


def test_pair_turning_red_notifies_the_coordinator_once(pair, claire, mailoutbox):
    services.refresh_health()
    assert PairHealth.objects.get().color == HealthColor.GREEN
    held(pair, 40)
    assert services.refresh_health() == 1
    assert services.refresh_health() == 0  # unchanged: nothing more
    deliver()
    assert [m.to for m in mailoutbox] == [[claire.email]]
    held(pair, 1)
    services.refresh_health()
    held(pair, 0, status=MeetingStatus.CANCELLED)
    Concern.objects.create(
        pairing=pair, raised_by=pair.mentor.user, kind="safety", urgent=True, text="x"
    )
    assert services.refresh_health() == 1  # red again after a change: notified again


@pytest.mark.parametrize(
    ("who", "code"), [("claire", 200), ("oscar", 404), ("marc", 404), ("anon", 302)]
)
def test_board_access(client, cast, pair, who, code):
    if who != "anon":
        client.force_login(cast[who])
    cohort = pair.mentee.cohort
    assert client.get(reverse("meetings:board", args=[cohort.pk])).status_code == code
    assert client.get(reverse("meetings:pair_followup", args=[pair.pk])).status_code == code


def test_mentor_cannot_open_the_board(client, pair):
    client.force_login(pair.mentor.user)
    assert client.get(reverse("meetings:board", args=[pair.mentee.cohort_id])).status_code == 404


def test_board_filters_counts_and_constant_queries(
    client, claire, pair, leaders, django_assert_max_num_queries
):
    cohort = leaders[0]
    held(pair, 30)
    client.force_login(claire)
    url = reverse("meetings:board", args=[cohort.pk])
    counts = []
    for n in (5, 50):
        for _ in range(n):
            mentor = ParticipantFactory(cohort=cohort, role=ParticipantRole.MENTOR)
            mentee = ParticipantFactory(cohort=cohort)
            other = Pairing.objects.create(
                mentor=mentor,
                mentee=mentee,
                status=PairingStatus.ACTIVE,
                respond_by=timezone.now(),
                started_on=timezone.localdate(),
            )
            held(other, 2)
        with django_assert_max_num_queries(16) as captured:  # new pairs get their health
            response = client.get(url)
        counts.append(len(captured))
    assert counts[0] == counts[1]
    content = response.content.decode()
    assert "Julie Fortin" in content
    red_only = client.get(url, {"health": "red"}, headers={"HX-Request": "true"})
    rows = red_only.content.decode()
    assert "<html" not in rows
    assert "Julie Fortin" in rows
    assert rows.count("<tr>") == 1


def test_concern_from_a_mentee_or_guardian_reaches_coordinators_only(
    client, pair, claire, mailoutbox, django_capture_on_commit_callbacks
):
    parent = UserFactory()
    GuardianLink.objects.create(participant=pair.mentee, guardian=parent)
    client.force_login(parent)
    url = reverse("meetings:concern_create", args=[pair.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"kind": "safety", "text": "Mon enfant semble inquiet."})
    assert response.status_code == 302
    concern = Concern.objects.get()
    assert concern.urgent
    # the coordinator is told at once (and the pair turns red on the board)
    assert {m.to[0] for m in mailoutbox} == {claire.email}
    assert any(m.subject.startswith("URGENT") for m in mailoutbox)
    assert all("inquiet" not in m.body for m in mailoutbox)  # confidential: not copied
    # the mentor never reads it
    assert not Concern.objects.for_user(pair.mentor.user).exists()
    client.force_login(pair.mentor.user)
    assert "inquiet" not in client.get(pair.get_absolute_url()).content.decode()
    assert client.get(reverse("meetings:pair_followup", args=[pair.pk])).status_code == 404
    client.force_login(claire)
    assert (
        "inquiet" in client.get(reverse("meetings:pair_followup", args=[pair.pk])).content.decode()
    )
    # a stranger cannot raise one
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404


def test_empty_concern_keeps_the_form(client, pair):
    client.force_login(pair.mentee.user)
    response = client.post(
        reverse("meetings:concern_create", args=[pair.pk]), {"kind": "general", "text": ""}
    )
    assert response.status_code == 400
    assert not Concern.objects.exists()


def test_intervention_outcomes_feed_the_pair_lifecycle(client, claire, pair):
    client.force_login(claire)
    url = reverse("meetings:pair_followup", args=[pair.pk])
    refused = client.post(url, {"kind": "met_both", "outcome": "pause"})
    assert refused.status_code == 400  # a pause needs its resume date
    client.post(
        url,
        {"kind": "met_mentee", "outcome": "pause", "resume_on": "2027-01-10", "notes": "Examens"},
    )
    pair.refresh_from_db()
    assert pair.status == PairingStatus.PAUSED
    from matching import services as matching

    matching.resume(pair.pk, claire)
    client.post(url, {"kind": "met_both", "outcome": "rematch", "notes": "Ça ne fonctionne pas"})
    pair.refresh_from_db()
    assert (pair.status, pair.close_reason) == (PairingStatus.CLOSED, "not_working")
    assert PairRule.objects.filter(mentor=pair.mentor, mentee=pair.mentee).exists()
    assert pair.interventions.count() == 2


def test_parents_digest_shows_counts_never_content(client, pair, mailoutbox):
    parent = UserFactory()
    GuardianLink.objects.create(participant=pair.mentee, guardian=parent)
    meeting = held(pair, 3)
    MeetingLog.objects.create(
        meeting=meeting,
        author=pair.mentor.user,
        duration_minutes=50,
        topics="Sujet confidentiel",
        next_steps="Étape secrète",
    )
    services.save_private_note(meeting.pk, pair.mentee.user, "Note privée")
    client.force_login(parent)
    page = client.get(reverse("meetings:digest", args=[pair.pk])).content.decode()
    for secret in ("Sujet confidentiel", "Étape secrète", "Note privée"):
        assert secret not in page
    assert "1 rencontre tenue" in page.replace("\xa0", " ") or ">1<" in page
    client.force_login(pair.mentor.user)
    assert client.get(reverse("meetings:digest", args=[pair.pk])).status_code == 404
    with time_machine.travel(datetime(2026, 12, 2, 8, tzinfo=TORONTO), tick=False):
        assert services.send_monthly_digests() == 1
        assert services.send_monthly_digests() == 0
        deliver()
    assert [m.to for m in mailoutbox] == [[parent.email]]
    assert "Sujet confidentiel" not in mailoutbox[0].body


def test_group_meeting_invites_mentors_and_appears_in_their_feed(client, claire, leaders):
    cohort, mentors, mentees = leaders
    group = GroupMeeting.objects.create(
        cohort=cohort,
        title="Rencontre de soutien des mentors",
        starts_at=NOW + timedelta(days=5),
        ends_at=NOW + timedelta(days=5, hours=2),
        place="Salle du conseil",
    )
    client.force_login(claire)
    client.post(
        reverse("coordination:meetings_groupmeeting_changelist"),
        {"action": "invite_mentors", "_selected_action": [group.pk]},
    )
    assert GroupInvitation.objects.filter(meeting=group).count() == len(mentors)
    feed = services.regenerate_feed(mentors[0].user)
    client.logout()
    calendar = Calendar.from_ical(client.get(reverse("calendar_feed", args=[feed.token])).content)
    assert "Rencontre de soutien des mentors" in {
        str(e["SUMMARY"]) for e in calendar.walk("VEVENT")
    }


def test_group_meetings_admin_is_scoped(client, oscar, leaders):
    group = GroupMeeting.objects.create(
        cohort=leaders[0], title="Soutien", starts_at=NOW, ends_at=NOW + timedelta(hours=1)
    )
    client.force_login(oscar)
    url = reverse("coordination:meetings_groupmeeting_change", args=[group.pk])
    assert client.get(url).status_code == 404


def test_seed_demo_has_an_amber_and_a_red_pair(db):
    from io import StringIO

    from django.core.management import call_command

    from programs.models import Cohort

    call_command("seed_demo", "--allow-without-debug", stdout=StringIO())
    colors = []
    for cohort in Cohort.objects.all():
        colors += [p.health_state.color for p in health.board_pairs(cohort)]
    assert HealthColor.RED in colors
    assert HealthColor.AMBER in colors
    assert Meeting.objects.filter(starts_at__gt=timezone.now()).exists()
    assert MeetingLog.objects.exists()
